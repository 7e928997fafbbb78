// losant-org: argv -> command -> exit code. One handler turns any error into a message and exit 1.
import { TOOL_VERSION } from '../core/tool-version.js';
import { LosantOrgError } from '../model/errors.js';
import type { Command, CliIo } from './io.js';

/** Each command's synopsis, as `--help` and usage errors show it. */
const SYNOPSIS: Record<string, string> = {
  validate: 'losant-org validate <files|dirs...> [--format text|json]',
  plan: 'losant-org plan     <files|dirs...> [--format text|markdown|json] [--out plan.json] [--detailed-exitcode] [--allow-removals N]',
  apply:
    'losant-org apply    <files|dirs...|plan.json> [--yes] [--concurrency N] [--allow-removals N] [--format text|json]',
  export: 'losant-org export   [--org <id>] [--out org.yaml]   (--org defaults to LOSANT_ORG_ID)',
  usage:
    'losant-org usage    [files|dirs...] [--org ID]... [--from DATE] [--to DATE] [--format text|markdown|json] [--warn-at PERCENT]   (default: LOSANT_ORG_ID, the last 30 days, 80%)',
  emulator:
    'losant-org emulator [--port N] [--host H] [--state file.yaml] [--latency MS|MIN-MAX] [--faults spec]',
  demo: 'losant-org demo     [config.yaml]   (a file for the emulator demo org; default examples/small-team.yaml)',
};

const NOTES = `Environment: LOSANT_API_TOKEN (never printed), LOSANT_API_URL (default https://api.losant.com),
LOSANT_DOMAIN (Losant's losantdomain header), LOSANT_ORG_ID (the default org of export and usage).
Every command takes --no-color (as NO_COLOR=1) and --debug (stack traces).
Exit codes: 0 done or nothing to do, 1 error or refusal, 2 changes present (plan --detailed-exitcode).`;

const USAGE = `losant-org: access to a Losant organization as code

Usage:
${Object.values(SYNOPSIS)
  .map((line) => `  ${line}`)
  .join('\n')}

${NOTES}`;

// Commands load lazily: in the one-file bundle `validate` then never evaluates the HTTP client or emulator.
const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./validate-command.js')).validateCommand,
  plan: async () => (await import('./plan-command.js')).planCommand,
  apply: async () => (await import('./apply-command.js')).applyCommand,
  export: async () => (await import('./export-command.js')).exportCommand,
  usage: async () => (await import('./usage-command.js')).usageCommand,
  emulator: async () => (await import('./emulator-command.js')).emulatorCommand,
  demo: async () => (await import('./demo-command.js')).demoCommand,
};

/** Node's parseArgs rejects unknown options and missing values with these codes: a usage error. */
function isArgumentError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

export async function main(argv: string[], commandIo: CliIo): Promise<number> {
  // Global flags: --debug anywhere, and --no-color as NO_COLOR for every command.
  const debug = argv.includes('--debug');
  const noColor = argv.includes('--no-color');
  const io: CliIo = noColor
    ? { ...commandIo, env: { ...commandIo.env, NO_COLOR: '1' } }
    : commandIo;
  const args = argv.filter((a) => a !== '--debug' && a !== '--no-color');
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    io.stderr.write(`losant-org: unknown command '${name}'\n\n${USAGE}\n`);
    return 1;
  }
  const synopsis = SYNOPSIS[name] ?? '';
  if (name !== 'emulator' && (rest.includes('--help') || rest.includes('-h'))) {
    io.stdout.write(`Usage: ${synopsis.replace(/ {2,}/, ' ')}\n\n${NOTES}\n`);
    return 0;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    if (isArgumentError(error) && !debug) {
      // Node's own advice about '--' rarely helps here; the first sentence says what is wrong.
      const what = error.message.split('. To specify')[0] ?? error.message;
      io.stderr.write(`error: ${what}\nusage: ${synopsis.replace(/ {2,}/, ' ')}\n`);
      return 1;
    }
    io.stderr.write(`${describeError(error, debug)}\n`);
    return 1;
  }
}

function describeError(error: unknown, debug: boolean): string {
  if (error instanceof LosantOrgError) {
    return debug && error.stack !== undefined ? error.stack : `error: ${error.message}`;
  }
  if (error instanceof Error) {
    return debug && error.stack !== undefined
      ? error.stack
      : `error: ${error.message} (this is a bug in losant-org; run again with --debug for details)`;
  }
  return `error: ${String(error)}`;
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url.endsWith('cli.js');
if (isEntryPoint) {
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
