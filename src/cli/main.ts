// losant-org: argv -> command -> exit code. One handler turns any error into a message and exit 1.
import { TOOL_VERSION } from '../core/tool-version.js';
import { LosantOrgError } from '../model/errors.js';
import { printableLines } from '../plan/printable-text.js';
import { COMMAND_SPECS } from './command-specs.js';
import { dropOutputOnClosedReader, type Command, type CliIo } from './io.js';
import { CLI_NOTES, renderCommandHelp, renderSynopsis } from './render-command-help.js';

const USAGE = `losant-org: access to a Losant organization as code

Usage:
${COMMAND_SPECS.map((spec) => `  ${renderSynopsis(spec)}`).join('\n')}

Every command takes --help (what each option does and its default), --no-color and --debug.
${CLI_NOTES}`;

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
  const spec = COMMAND_SPECS.find((c) => c.name === name);
  if (spec !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    io.stdout.write(renderCommandHelp(spec));
    return 0;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    if (isArgumentError(error) && !debug) {
      // Node's own advice about '--' rarely helps here; the first sentence says what is wrong.
      const what = error.message.split('. To specify')[0] ?? error.message;
      const usage = spec === undefined ? '' : `usage: ${renderSynopsis(spec)}\n`;
      io.stderr.write(`error: ${what}\n${usage}`);
      return 1;
    }
    io.stderr.write(`${describeError(error, debug)}\n`);
    return 1;
  }
}

function describeError(error: unknown, debug: boolean): string {
  // Messages quote the API's error text and live names: nothing in them may drive the terminal.
  if (error instanceof LosantOrgError) {
    return printableLines(
      debug && error.stack !== undefined ? error.stack : `error: ${error.message}`,
    );
  }
  if (error instanceof Error) {
    return printableLines(
      debug && error.stack !== undefined
        ? error.stack
        : `error: ${error.message} (this is a bug in losant-org; run again with --debug for details)`,
    );
  }
  return printableLines(`error: ${String(error)}`);
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url.endsWith('cli.js');
if (isEntryPoint) {
  dropOutputOnClosedReader(process.stdout);
  dropOutputOnClosedReader(process.stderr);
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
