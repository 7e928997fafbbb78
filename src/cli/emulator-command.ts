// losant-org emulator: the local Losant API, printing the three variables a shell can eval.
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isLoopbackHost } from '../losant/api-url.js';
import { UsageError } from '../model/errors.js';
import { parseBandwidth } from '../emulator/bandwidth-link.js';
import { parseFaultSpec, parseLatencyOption } from '../emulator/fault-spec.js';
import { loadSeedFile } from '../emulator/load-seed.js';
import type { EmulatorOptions } from '../emulator/server.js';
import { startEmulator } from '../emulator/server.js';
import { EMULATOR } from './emulator-options.js';
import type { Command } from './io.js';
import { parseCommandArgs, type ParsedArgs } from './parse-command-args.js';

export const emulatorCommand: Command = async (args, io) => {
  const { values } = parseCommandArgs(EMULATOR, args);
  const options = await emulatorOptions(values, io.cwd);
  const envFile =
    values['write-env-file'] === undefined ? undefined : resolve(io.cwd, values['write-env-file']);
  // A file left by an earlier run must never look like this one is ready.
  if (envFile !== undefined) await clearEnvFile(envFile, values['write-env-file'] ?? envFile);
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
  const lines =
    `LOSANT_API_URL=${shellValue(emulator.url)}\n` +
    `LOSANT_API_TOKEN=${shellValue(emulator.token)}\n` +
    `LOSANT_ORG_ID=${shellValue(emulator.orgId)}\n`;
  // Listening for Ctrl-C and SIGTERM before anything says it is ready: a stop that follows the
  // lines (or the env file) at once is a clean stop, not a kill.
  const stopped = stopSignal();
  if (envFile !== undefined) {
    // Beside it, then renamed: a reader sees no file or the whole file, never part of it.
    const partial = `${envFile}.${process.pid}.partial`;
    await writeFile(partial, lines, 'utf8');
    await rename(partial, envFile);
  }
  io.stdout.write(lines);
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host.includes(':') ? `[${host}]` : host)) {
    io.stderr.write(
      `warning: --host ${host} is not a loopback address: the control surface (/_emulator/*) has no authentication, so anyone who can reach port ${new URL(emulator.url).port} on ${host} can read the state with its tokens, replace it and inject faults; use --host 127.0.0.1 unless other machines must reach the emulator\n`,
    );
  }
  io.stderr.write(
    `Losant API emulator listening on ${emulator.url} (control surface: ${emulator.url}/_emulator/state). ` +
      'Stop with Ctrl-C.\n',
  );
  await stopped;
  await emulator.close();
  if (envFile !== undefined) await rm(envFile, { force: true });
  return 0;
};

/** Removes a stale --write-env-file; a folder that does not exist is the user's to fix, said before listening. */
async function clearEnvFile(path: string, shown: string): Promise<void> {
  await rm(path, { force: true });
  const folder = await stat(dirname(path)).catch(() => undefined);
  if (folder?.isDirectory() !== true) {
    throw new UsageError(`cannot write --write-env-file ${shown}: its directory does not exist`);
  }
}

async function emulatorOptions(
  values: ParsedArgs<typeof EMULATOR.options>['values'],
  cwd: string,
): Promise<EmulatorOptions> {
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
  if (values.bandwidth !== undefined) {
    options.bandwidthBitsPerSecond = parseBandwidth(values.bandwidth);
  }
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
