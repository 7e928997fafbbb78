// losant-org: argv -> command -> exit code. One handler turns any error into a message and exit 1.
import { TOOL_VERSION } from '../core/tool-version.js';
import { LosantOrgError } from '../model/errors.js';
import type { Command, CliIo } from './io.js';

const USAGE = `losant-org: access to a Losant organization as code

Usage:
  losant-org validate <files|dirs...> [--format text|json]
  losant-org plan     <files|dirs...> [--format text|markdown|json] [--out plan.json] [--detailed-exitcode] [--allow-removals N]
  losant-org apply    <files|dirs...|plan.json> [--yes] [--concurrency N] [--allow-removals N] [--format text|json]
  losant-org export   --org <id> [--out org.yaml]
  losant-org emulator [--port N] [--state file.yaml] [--latency ms] [--faults spec]
  losant-org demo

Environment: LOSANT_API_TOKEN (never printed), LOSANT_API_URL (default https://api.losant.com).
Exit codes: 0 done or nothing to do, 1 error or refusal, 2 changes present (plan --detailed-exitcode).
Add --debug to any command for stack traces.`;

// Commands load lazily so that `validate` does not pay for the HTTP client's start-up.
const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./validate-command.js')).validateCommand,
  plan: async () => (await import('./plan-command.js')).planCommand,
  apply: async () => (await import('./apply-command.js')).applyCommand,
  export: async () => (await import('./export-command.js')).exportCommand,
  emulator: async () => (await import('./emulator-command.js')).emulatorCommand,
  demo: async () => (await import('./demo-command.js')).demoCommand,
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
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
  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
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
