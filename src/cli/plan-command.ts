// losant-org plan <files|dirs...>: the plan of every declared org, as text, markdown or JSON.
import { loadDesiredOrThrow } from '../core/load-desired.js';
import { planOrgs } from '../core/plan-orgs.js';
import { TOOL_VERSION } from '../core/tool-version.js';
import { UsageError } from '../model/errors.js';
import { operationCount } from '../plan/describe-operation.js';
import { describeUnreadable } from '../plan/describe-unreadable.js';
import { planRefusedError } from '../plan/plan-refused-error.js';
import { renderJson } from '../plan/render-json.js';
import { renderMarkdown } from '../plan/render-markdown.js';
import { renderText } from '../plan/render-text.js';
import {
  checkOutFile,
  colorEnabled,
  openClient,
  parseChoice,
  parseWholeNumber,
  writeOutFile,
} from './cli-options.js';
import { PLAN } from './plan-options.js';
import type { Command } from './io.js';
import { parseCommandArgs } from './parse-command-args.js';

const FORMATS = ['text', 'markdown', 'json'] as const;

export const planCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(PLAN, args);
  if (positionals.length === 0) {
    throw new UsageError(
      'plan needs at least one configuration file or directory: losant-org plan losant/',
    );
  }
  const format = parseChoice('--format', values.format, FORMATS, 'text');
  const allowRemovals = parseWholeNumber('--allow-removals', values['allow-removals'], {
    min: 0,
    max: 1_000_000,
  });
  const allowChanges = parseWholeNumber('--allow-changes', values['allow-changes'], {
    min: 0,
    max: 1_000_000,
  });

  const desired = await loadDesiredOrThrow(positionals, {
    ...io,
    now: Date.now(),
    followSymlinks: values['follow-symlinks'] === true,
  });
  if (values.out !== undefined) await checkOutFile(values.out, io.cwd);
  const client = openClient(io);
  try {
    const { plan } = await planOrgs(desired, {
      api: client,
      now: Date.now(),
      ...(allowRemovals === undefined ? {} : { allowRemovals }),
      ...(allowChanges === undefined ? {} : { allowChanges }),
    });
    const json = renderJson(plan, {
      createdAt: new Date().toISOString(),
      toolVersion: TOOL_VERSION,
      desired,
      allowRemovals,
      allowChanges,
    });
    if (format === 'json') io.stdout.write(json);
    else if (format === 'markdown') io.stdout.write(`${renderMarkdown(plan)}\n`);
    else io.stdout.write(renderText(plan, { color: colorEnabled(io, values['no-color']) }));
    const unreadable = plan.unreadable ?? [];
    const refused = planRefusedError(plan);
    if (values.out !== undefined) {
      // A refused plan is saved too (its refusals mark it), so that no older plan is left there.
      await writeOutFile(values.out, json);
      io.stderr.write(
        refused !== undefined
          ? `Saved the plan to ${values.out}, marked refused: apply refuses it. Change the files (or use the override above) and plan again.\n`
          : unreadable.length === 0
            ? `Saved the plan to ${values.out}; apply it with: losant-org apply ${values.out}\n`
            : `Saved the plan of the ${plan.orgs.length} of ${plan.orgs.length + unreadable.length} orgs that could be read to ${values.out}; the others have no plan in it\n`,
      );
    }
    // One error per org that could not be read, after the plans of the others; exit 1 beats 2.
    for (const org of unreadable) io.stderr.write(`error: ${describeUnreadable(org)}\n`);
    if (refused !== undefined) throw refused;
    if (unreadable.length > 0) return 1;
    return values['detailed-exitcode'] === true && operationCount(plan) > 0 ? 2 : 0;
  } finally {
    await client.close();
  }
};
