// losant-org emulator: the local Losant API, printing the three variables a shell can eval.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../model/errors.js';
import { FAULT_SPEC_HELP, parseFaultSpec, parseLatencyOption } from '../emulator/fault-spec.js';
import { parseBandwidth } from '../emulator/bandwidth-link.js';
import { loadSeedFile } from '../emulator/load-seed.js';
import type { EmulatorOptions } from '../emulator/server.js';
import { startEmulator } from '../emulator/server.js';
import type { Command } from './io.js';

export const EMULATOR_USAGE = `Usage: losant-org emulator [--port N] [--host H] [--state file.yaml|json] [--latency MS|MIN-MAX] [--bandwidth RATE] [--faults SPEC]

Starts a local Losant API (the twelve Org actions and GET /me) and prints, once listening:
  LOSANT_API_URL=http://127.0.0.1:PORT
  LOSANT_API_TOKEN=...     (the emulator's own token of the first user, an org admin; not a secret)
  LOSANT_ORG_ID=...
(values are shell-safe), so that a shell can load them:
  losant-org emulator --port 8080 > emulator.env &     # keeps running in the background
  set -a; . ./emulator.env; set +a                     # once listening: exports the three
Stops on Ctrl-C (SIGINT) or SIGTERM.

  --port N         port to listen on (default 0: any free port)
  --host H         address to listen on (default 127.0.0.1)
  --state FILE     seed state (YAML or JSON: users, tokens, orgs); default: a demo org
  --latency MS     answer every API call MS after it came in (or a random MIN-MAX ms)
  --bandwidth RATE answers share a link of RATE per second (e.g. 100mbit, 512kbit), their bytes
                   paced so that transfer time shows; default: no limit
  --faults SPEC    faults injected from the start (see below)

Answers are gzip-compressed when the request asks for it (Accept-Encoding: gzip), else br when asked.

The control surface for tests and rehearsals is under /_emulator/ (state, invites/{id}/accept,
invites/expire, clock, log, faults, tokens).

${FAULT_SPEC_HELP}`;

export const emulatorCommand: Command = async (args, io) => {
  const options = await parseEmulatorArgs(args, io.cwd);
  if (options === 'help') {
    io.stdout.write(`${EMULATOR_USAGE}\n`);
    return 0;
  }
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

async function parseEmulatorArgs(args: string[], cwd: string): Promise<EmulatorOptions | 'help'> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        state: { type: 'string' },
        latency: { type: 'string' },
        bandwidth: { type: 'string' },
        faults: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`losant-org emulator: ${(error as Error).message}\n\n${EMULATOR_USAGE}`);
  }
  const { values } = parsed;
  if (values.help === true) return 'help';
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
