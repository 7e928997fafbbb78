// losant-org emulator: the local Losant API, printing the three variables a shell can eval.
import { resolve } from 'node:path';
import { UsageError } from '../model/errors.js';
import { parseFaultSpec, parseLatencyOption } from '../emulator/fault-spec.js';
import { loadSeedFile } from '../emulator/load-seed.js';
import type { EmulatorOptions } from '../emulator/server.js';
import { startEmulator } from '../emulator/server.js';
import { EMULATOR } from './emulator-options.js';
import type { Command } from './io.js';
import { parseCommandArgs } from './parse-command-args.js';

export const emulatorCommand: Command = async (args, io) => {
  const options = await parseEmulatorArgs(args, io.cwd);
  const emulator = await startEmulator(options).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      const where = `${options.host ?? '127.0.0.1'}:${options.port ?? 0}`;
      throw new UsageError(
        `cannot listen on ${where} (${code}): choose another --port (0 = any free port) or --host`,
      );
    }
    throw error;
  });
  io.stdout.write(
    `LOSANT_API_URL=${shellValue(emulator.url)}\n` +
      `LOSANT_API_TOKEN=${shellValue(emulator.token)}\n` +
      `LOSANT_ORG_ID=${shellValue(emulator.orgId)}\n`,
  );
  io.stderr.write(
    `Losant API emulator listening on ${emulator.url} (control surface: ${emulator.url}/_emulator/state). ` +
      'Stop with Ctrl-C.\n',
  );
  await stopSignal();
  await emulator.close();
  return 0;
};

async function parseEmulatorArgs(args: string[], cwd: string): Promise<EmulatorOptions> {
  const { values } = parseCommandArgs(EMULATOR, args);
  const options: EmulatorOptions = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) {
      throw new UsageError(
        `--port '${values.port}': expected a port number 0-65535 (0 = any free port)`,
      );
    }
    options.port = port;
  }
  if (values.host !== undefined) options.host = values.host;
  if (values.latency !== undefined) options.latencyMs = parseLatencyOption(values.latency);
  if (values.faults !== undefined) options.faults = parseFaultSpec(values.faults);
  if (values.state !== undefined) options.state = await loadSeedFile(resolve(cwd, values.state));
  return options;
}

/** Quotes a value for `eval` only when it holds characters a shell would interpret. */
function shellValue(value: string): string {
  return /^[\w.:/@%+=,-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function stopSignal(): Promise<void> {
  return new Promise((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
