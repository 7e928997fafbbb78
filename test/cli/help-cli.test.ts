// Commands that explain themselves: --help lists every option with what it does and its default;
// a mistyped option gets a suggestion; -y is --yes; --version prints the version.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_SPECS } from '../../src/cli/command-specs.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { ROOT, runBuiltCli } from './run-built-cli.js';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const version = (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string })
  .version;

/** The lines of the Options: section of a --help text. */
function optionLines(help: string): string[] {
  const section = help.split('\n\n').find((block) => block.startsWith('Options:\n')) ?? '';
  return section.split('\n').slice(1);
}

describe('losant-org --help and options (built CLI)', () => {
  it('--version prints the version of package.json', async () => {
    const result = await runBuiltCli(['--version'], {});

    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('plan --help says what each option does and its default, one option a line', async () => {
    const result = await runBuiltCli(['plan', '--help'], {});

    expect(result.code).toBe(0);
    const lines = optionLines(result.stdout);
    expect(lines.map((line) => line.trim().split(/\s{2,}/)[0])).toEqual([
      '--format text|markdown|json',
      '--out plan.json',
      '--detailed-exitcode',
      '--allow-removals N',
      '--allow-changes N',
      '--follow-symlinks',
      '--no-color',
      '--debug',
      '-h, --help',
    ]);
    expect(lines[0]).toMatch(/markdown as the pull-request comment.*\(default: text\)$/);
    expect(lines[1]).toMatch(/save the plan as JSON.*\(default: not saved\)$/);
    expect(lines[2]).toMatch(/exit 2 when the plan has changes.*\(default: exit 0/);
    expect(lines[3]).toMatch(/accept up to N removals.*\(default: the policy decides\)$/);
    expect(lines[4]).toMatch(/accept up to N changes.*\(default: the policy decides\)$/);
  });

  it.each(COMMAND_SPECS.map((spec) => spec.name))(
    '%s --help lists every option of its table, each with a description and a default',
    async (name) => {
      const spec = COMMAND_SPECS.find((s) => s.name === name);
      const result = await runBuiltCli([name, '--help'], {});

      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: losant-org ${name}\\b`));
      const lines = optionLines(result.stdout);
      const names = Object.keys(spec?.options ?? {});
      expect(lines).toHaveLength(names.length + 3);
      names.forEach((option, i) => {
        expect(lines[i]).toMatch(
          new RegExp(`^  (-\\w, |    )--${option}( \\S+)?  +\\S.*\\(default: .+\\)$`),
        );
      });
    },
  );

  it('a mistyped option suggests the right one, exits 1 and calls nothing', async () => {
    emulator = await startEmulator();

    const result = await runBuiltCli(['plan', 'examples/small-team.yaml', '--detailed-exit-code'], {
      LOSANT_API_URL: emulator.url,
      LOSANT_API_TOKEN: emulator.token,
    });

    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "error: Unknown option '--detailed-exit-code'; did you mean '--detailed-exitcode'?\n" +
        'usage: losant-org plan <files|dirs...> [--format text|markdown|json] [--out plan.json] [--detailed-exitcode] [--allow-removals N] [--allow-changes N] [--follow-symlinks]   (every option: losant-org plan --help)\n',
    });
    expect(await emulator.control.log()).toEqual([]);
  });

  it('-y is --yes', async () => {
    emulator = await startEmulator();

    const result = await runBuiltCli(['apply', 'examples/small-team.yaml', '-y', '--no-color'], {
      LOSANT_API_URL: emulator.url,
      LOSANT_API_TOKEN: emulator.token,
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Apply: 5 done, 0 failed, 0 skipped.');
  });
});
