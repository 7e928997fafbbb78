// losant-org apply <files|dirs...|plan.json>: plan, show, confirm, apply exactly that, then check the result.
import { extname } from 'node:path';
import { DEFAULT_CONCURRENCY } from '../apply/apply-plan.js';
import { countResults, type OperationResult } from '../apply/apply-report.js';
import { AdaptiveLimiter, throttleOnRateLimit } from '../apply/limiter.js';
import { renderProgress, renderResultLine } from '../apply/render-apply-report.js';
import { parseSavedPlan, staleOrgs } from '../apply/saved-plan.js';
import { readApiSettings } from '../core/api-settings.js';
import { runApplyFlow, type ApplySource } from '../core/apply-flow.js';
import { loadDesiredOrThrow } from '../core/load-desired.js';
import { readSavedPlanFile } from '../core/read-saved-plan-file.js';
import { createLosantClient } from '../losant/client.js';
import { LosantOrgError, UsageError } from '../model/errors.js';
import type { Plan } from '../model/plan.js';
import { operationCount } from '../plan/describe-operation.js';
import { describeUnreadable } from '../plan/describe-unreadable.js';
import { renderText } from '../plan/render-text.js';
import { colorEnabled, parseChoice, parseWholeNumber } from './cli-options.js';
import { APPLY } from './apply-options.js';
import type { CliIo, Command } from './io.js';
import { parseCommandArgs } from './parse-command-args.js';

const FORMATS = ['text', 'json'] as const;

/** The org changed between the plan shown and the confirmation: nothing is written. */
class ChangedWhileConfirmingError extends LosantOrgError {
  readonly kind = 'refusal';
  override readonly name = 'ChangedWhileConfirmingError';
}

type Stdin = NonNullable<CliIo['stdin']>;

/** One line from stdin (up to Enter, or the end of input), trimmed. */
function readAnswer(stdin: Stdin): Promise<string> {
  return new Promise((resolveAnswer) => {
    let text = '';
    const finish = (answer: string): void => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause();
      resolveAnswer(answer.trim());
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end >= 0) finish(text.slice(0, end));
    };
    const onEnd = (): void => finish(text);
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}

function confirmationQuestion(plan: Plan): string {
  const count = operationCount(plan);
  // Operations, not the headline's counts: a re-send is one change but two calls.
  const changes = `${count} operation${count === 1 ? '' : 's'}`;
  const withChanges = plan.orgs.filter((o) => o.operations.length > 0);
  const to =
    withChanges.length === 1
      ? `${withChanges[0]?.orgName ?? ''} (${withChanges[0]?.orgId ?? ''})`
      : `${withChanges.length} orgs`;
  return `Apply these ${changes} to ${to}? Only 'yes' is accepted: `;
}

/** What to apply, read before the API is called: the files' orgs, or a saved plan. */
async function readSource(
  positionals: string[],
  savedPlanFile: string | undefined,
  io: CliIo,
  followSymlinks: boolean,
): Promise<ApplySource> {
  if (savedPlanFile === undefined) {
    return {
      kind: 'files',
      desired: await loadDesiredOrThrow(positionals, { ...io, now: Date.now(), followSymlinks }),
    };
  }
  const text = await readSavedPlanFile(savedPlanFile, io.cwd);
  return { kind: 'saved', file: savedPlanFile, plan: parseSavedPlan(text, savedPlanFile) };
}

/** Stops new writes on the first SIGINT/SIGTERM; a second one exits at once (exit 130). */
function trapSignals(io: CliIo, controller: AbortController): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) {
      io.stderr.write(
        `\n${signal}: finishing the calls in flight and starting no new ones (again to quit at once)\n`,
      );
      controller.abort();
      return;
    }
    io.stderr.write(`\n${signal} again: quitting; run plan to see what was done\n`);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

export const applyCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(APPLY, args);
  if (positionals.length === 0) {
    throw new UsageError(
      'apply needs configuration files or directories, or one saved plan: losant-org apply losant/ (or plan.json)',
    );
  }
  const savedPlanFile = positionals.find((p) => extname(p).toLowerCase() === '.json');
  if (savedPlanFile !== undefined && positionals.length > 1) {
    throw new UsageError(
      `a saved plan is applied on its own: losant-org apply ${savedPlanFile} (it already holds every org it was made for)`,
    );
  }
  const format = parseChoice('--format', values.format, FORMATS, 'text');
  const concurrency =
    parseWholeNumber('--concurrency', values.concurrency, { min: 1, max: 64 }) ??
    DEFAULT_CONCURRENCY;
  const allowRemovals = parseWholeNumber('--allow-removals', values['allow-removals'], {
    min: 0,
    max: 1_000_000,
  });
  if (savedPlanFile !== undefined && allowRemovals !== undefined) {
    throw new UsageError(
      `--allow-removals is decided when planning: plan again with --allow-removals ${allowRemovals} --out ${savedPlanFile}`,
    );
  }
  const allowChanges = parseWholeNumber('--allow-changes', values['allow-changes'], {
    min: 0,
    max: 1_000_000,
  });
  if (savedPlanFile !== undefined && allowChanges !== undefined) {
    throw new UsageError(
      `--allow-changes is decided when planning: plan again with --allow-changes ${allowChanges} --out ${savedPlanFile}`,
    );
  }
  const color = colorEnabled(io, values['no-color']);
  // In JSON mode stdout carries only the report; the people's text goes to stderr.
  const textOut = format === 'json' ? io.stderr : io.stdout;

  const source = await readSource(
    positionals,
    savedPlanFile,
    io,
    values['follow-symlinks'] === true,
  );
  const settings = readApiSettings(io.env);
  const limiter = new AdaptiveLimiter({ max: concurrency });
  const client = createLosantClient({
    apiUrl: settings.apiUrl,
    token: settings.token,
    ...(settings.losantDomain === undefined ? {} : { losantDomain: settings.losantDomain }),
    onRetry: throttleOnRateLimit(limiter),
  });

  /** Asks for 'yes'; then writes only if the orgs are still what was shown. */
  const confirm = async (plan: Plan): Promise<boolean> => {
    if (values.yes === true) return true;
    const stdin = io.stdin ?? process.stdin;
    if (stdin.isTTY !== true) {
      throw new UsageError(
        'apply asks for confirmation, but stdin is not a terminal: review the plan above and run again with --yes',
      );
    }
    io.stderr.write(confirmationQuestion(plan));
    const answer = await readAnswer(stdin);
    if (answer !== 'yes') {
      io.stderr.write(`Apply cancelled ('${answer}' is not 'yes'); nothing was written.\n`);
      return false;
    }
    // Time passed while the plan was read: write only if the orgs are still what was shown.
    const changed = await staleOrgs(plan.orgs, client);
    if (changed.length > 0) {
      throw new ChangedWhileConfirmingError(
        `${changed.map((id) => `the org ${id} changed since this plan was made; plan again`).join('\n')}\nNothing was written.`,
      );
    }
    return true;
  };

  const controller = new AbortController();
  const finished: OperationResult[] = [];
  const progressOnTty = io.stderr.isTTY === true;
  let total = 0;
  let many = false;
  let shown: Plan | undefined;
  try {
    const result = await runApplyFlow(source, {
      api: client,
      ...(allowRemovals === undefined ? {} : { allowRemovals }),
      ...(allowChanges === undefined ? {} : { allowChanges }),
      limiter,
      signal: controller.signal,
      color,
      showPlan: (plan) => {
        shown = plan;
        textOut.write(renderText(plan, { color }));
        total = operationCount(plan);
        many = plan.orgs.length > 1;
      },
      beforeWrite: confirm,
      duringWrites: () => trapSignals(io, controller),
      onOperationDone: (result, org) => {
        finished.push(result);
        const progress = progressOnTty ? renderProgress(countResults(finished), total) : undefined;
        const line = renderResultLine(result, {
          color,
          ...(many ? { orgName: org.orgName } : {}),
          ...(progress === undefined ? {} : { progress }),
        });
        io.stderr.write(`${line}\n`);
      },
    });
    if (result.status === 'cancelled') return 1;
    if (result.status === 'nothing-to-do') {
      if (format === 'json') io.stdout.write(`${JSON.stringify(result.report, null, 2)}\n`);
      writeUnreadable(io, result.plan);
      return result.report.ok ? 0 : 1;
    }
    textOut.write(result.summary);
    if (format === 'json') io.stdout.write(`${JSON.stringify(result.report, null, 2)}\n`);
    return result.report.ok ? 0 : 1;
  } catch (error) {
    // A refusal of every org that could be read: the unreadable ones are named too.
    if (shown !== undefined) writeUnreadable(io, shown);
    throw error;
  } finally {
    await client.close();
  }
};

/** One error per org that could not be read: which org, which action, what to do. */
function writeUnreadable(io: CliIo, plan: Plan): void {
  for (const org of plan.unreadable ?? []) io.stderr.write(`error: ${describeUnreadable(org)}\n`);
}
