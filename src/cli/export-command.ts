// losant-org export --org ID: the live org as a version-1 configuration file whose plan is empty.
import { readLiveOrg, toLiveOrg } from '../losant/read-live-org.js';
import { renderOrgConfig } from '../export/render-org-config.js';
import { UsageError } from '../model/errors.js';
import { openClient, writeOutFile } from './cli-options.js';
import { EXPORT } from './export-options.js';
import type { Command } from './io.js';
import { parseCommandArgs } from './parse-command-args.js';

const ORG_ID = /^[A-Fa-f\d]{24}$/;

export const exportCommand: Command = async (args, io) => {
  const { values } = parseCommandArgs(EXPORT, args);
  const orgId = values.org ?? io.env['LOSANT_ORG_ID'];
  if (orgId === undefined || orgId === '') {
    throw new UsageError(
      'export needs the org id: losant-org export --org <24 hex id> [--out org.yaml]',
    );
  }
  if (!ORG_ID.test(orgId)) {
    throw new UsageError(
      `--org must be a Losant org id (24 hexadecimal characters), not '${orgId}'`,
    );
  }
  const client = openClient(io);
  try {
    const { org, invites } = await readLiveOrg(client, orgId);
    const live = toLiveOrg(org, invites);
    const yaml = renderOrgConfig(live, {
      source: client.apiUrl,
      exportedAt: new Date().toISOString(),
    });
    if (values.out === undefined) {
      io.stdout.write(yaml);
    } else {
      await writeOutFile(values.out, yaml);
      io.stderr.write(
        `Exported ${live.name} (${live.members.length} members, ${live.invites.length} pending invites) to ${values.out}\n` +
          `Check it with: losant-org plan ${values.out}   (the plan is empty)\n`,
      );
    }
    return 0;
  } finally {
    await client.close();
  }
};
