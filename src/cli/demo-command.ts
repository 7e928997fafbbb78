// losant-org demo: the whole flow against the embedded emulator, exactly as a user would type it.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDesiredOrThrow } from '../core/load-desired.js';
import { createDemoSeed, DEMO_ORG_ID } from '../emulator/demo-state.js';
import { createEmptyOrgSeed } from '../emulator/empty-org-seed.js';
import type { EmulatorSeed } from '../emulator/emulator-seed.js';
import { startEmulator } from '../emulator/server.js';
import { UsageError } from '../model/errors.js';
import { applyCommand } from './apply-command.js';
import { DEMO } from './demo-options.js';
import type { DesiredOrg } from '../model/desired-org.js';
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
  const [org, ...more] = await loadDesiredOrThrow([config], io);
  if (org === undefined || more.length > 0) {
    throw new UsageError(
      `demo plays one org at a time: ${shown} declares ${more.length + (org === undefined ? 0 : 1)}`,
    );
  }
  const seed = demoSeed(org);
  const emulator = await startEmulator({ state: seed.state });
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
    say(`# A local Losant API emulator is running at ${emulator.url} with ${seed.what}.`);
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
      '\n# Rehearse on your own: `losant-org emulator --write-env-file emu.env &`, then ' +
        '`until [ -f emu.env ]; do sleep 0.1; done; set -a; . ./emu.env; set +a` ' +
        'and run plan, apply or export against it.',
    );
    return applied === 0 && again === 0 ? 0 : 1;
  } finally {
    await emulator.close();
  }
};

/** The built-in demo org for a file about it; for any other org, an empty org with its id. */
function demoSeed(org: DesiredOrg): { state: EmulatorSeed; what: string } {
  const now = Date.now();
  if (org.orgId === DEMO_ORG_ID) {
    return { state: createDemoSeed(now), what: `its demo org ${DEMO_ORG_ID}` };
  }
  const admins = (org.members ?? []).filter((m) => m.access.role === 'admin').map((m) => m.email);
  return {
    state: createEmptyOrgSeed({ orgId: org.orgId, adminEmails: admins }, now),
    what: `an empty org with the id of ${org.orgId} whose only members are the file's admins`,
  };
}
