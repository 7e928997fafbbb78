// losant-org demo: the whole flow against the embedded emulator, exactly as a user would type it.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/server.js';
import { UsageError } from '../model/errors.js';
import { applyCommand } from './apply-command.js';
import { DEMO } from './demo-options.js';
import type { Command, CliIo } from './io.js';
import { parseCommandArgs } from './parse-command-args.js';
import { planCommand } from './plan-command.js';

/** examples/small-team.yaml beside the installed package, else in the current directory. */
function defaultExample(cwd: string): string {
  const besidePackage = fileURLToPath(new URL('../examples/small-team.yaml', import.meta.url));
  if (existsSync(besidePackage)) return besidePackage;
  return resolve(cwd, 'examples/small-team.yaml');
}

export const demoCommand: Command = async (args, io) => {
  const { positionals } = parseCommandArgs(DEMO, args);
  if (positionals.length > 1) {
    throw new UsageError(
      'demo takes one configuration file: losant-org demo [config.yaml]  (default examples/small-team.yaml)',
    );
  }
  const file = positionals[0];
  const config = file === undefined ? defaultExample(io.cwd) : resolve(io.cwd, file);
  const shown = relative(io.cwd, config) || config;
  const emulator = await startEmulator();
  try {
    const demoIo: CliIo = {
      ...io,
      // One stream, so that the story reads in order even when piped.
      stderr: io.stdout,
      env: {
        ...io.env,
        LOSANT_API_URL: emulator.url,
        LOSANT_API_TOKEN: emulator.token,
        LOSANT_ORG_ID: emulator.orgId,
      },
    };
    const say = (text: string): void => {
      io.stdout.write(`${text}\n`);
    };
    say(
      `# A local Losant API emulator is running at ${emulator.url} with its demo org ${emulator.orgId}.`,
    );
    say(`# 1. What would change: the live org against ${shown}`);
    say(`$ losant-org plan ${shown}\n`);
    const planned = await planCommand([shown], demoIo);
    if (planned === 1) return 1;
    say(`\n# 2. Make it so (--yes because this is a rehearsal)`);
    say(`$ losant-org apply ${shown} --yes\n`);
    const applied = await applyCommand([shown, '--yes'], demoIo);
    say(`\n# 3. Plan again: nothing is left to do (invites wait for their invitees)`);
    say(`$ losant-org plan ${shown} --detailed-exitcode\n`);
    const again = await planCommand([shown, '--detailed-exitcode'], demoIo);
    say(
      `\n# Rehearse on your own: \`losant-org emulator --port 8080 > emulator.env &\`, then ` +
        '`set -a; . ./emulator.env; set +a` and run plan, apply or export against it.',
    );
    return applied === 0 && again === 0 ? 0 : 1;
  } finally {
    await emulator.close();
  }
};
