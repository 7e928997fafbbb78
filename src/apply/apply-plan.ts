// Executes exactly a plan: orgs at once, phases in order, each person's operations in plan order.
import type { LosantApi } from '../losant/api.js';
import { toLiveOrg } from '../losant/read-live-org.js';
import { emailKey } from '../model/access.js';
import type { LiveOrg } from '../model/live-org.js';
import { takesAdminAway } from '../model/admin-change.js';
import { PHASES, type Operation, type OrgPlan, type Plan } from '../model/plan.js';
import {
  countResults,
  summarizeOperation,
  type ApplyReport,
  type OperationResult,
  type OrgApplyReport,
} from './apply-report.js';
import {
  executeOperation,
  INTERRUPTED,
  type OperationOutcome,
  type RateLimitOptions,
} from './execute-operation.js';
import { AdaptiveLimiter } from './limiter.js';
import { isInEffect, revokedInviteIds } from './read-back.js';

export const DEFAULT_CONCURRENCY = 8;

export interface ApplyOptions {
  /** Most writes in flight across every org; default 8. Ignored when `limiter` is given. */
  concurrency?: number;
  /** Shared with the client's onRetry (throttleOnRateLimit), so that 429s slow every org down. */
  limiter?: AdaptiveLimiter;
  /** On abort: the calls in flight finish, no new one starts, the rest is skipped as interrupted. */
  signal?: AbortSignal;
  /** Called as each operation finishes (done, failed or skipped), for progress lines. */
  onOperationDone?: (result: OperationResult, org: OrgPlan) => void;
  rateLimit?: RateLimitOptions;
  /** Wait before reading back after a timeout or reset (see ExecuteContext); default 1 s. */
  settleDelayMs?: number;
  /** How long after a lost invite before it may be sent again (see ExecuteContext); default 60 s. */
  resendWaitMs?: number;
}

/** Pending invites read during apply, and when the answer came (performance.now() ms). */
interface InvitesRead {
  live: LiveOrg | undefined;
  answeredAt: number;
  tookMs: number;
}

/** Phases whose failure could leave fewer admins than planned if admins were then demoted or removed. */
const ADMIN_SAFETY_PHASES: ReadonlySet<string> = new Set(['invite', 'promote']);

/** Operations on one person (or the org's properties) run one after another, in plan order. */
function personKey(op: Operation): string {
  return op.action === 'patch' ? 'org properties' : emailKey(op.target.email);
}

function groupByPerson(operations: readonly Operation[]): Operation[][] {
  const groups = new Map<string, Operation[]>();
  for (const op of operations) {
    const key = personKey(op);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [op]);
    else group.push(op);
  }
  return [...groups.values()];
}

class OrgRun {
  readonly results = new Map<string, OperationResult>();
  stopped: string | undefined;
  /** The operation whose failure stopped the org. */
  private stoppedAt: string | undefined;
  private readonly revoked: Set<string>;

  constructor(
    readonly plan: OrgPlan,
    private readonly api: LosantApi,
    private readonly limiter: AdaptiveLimiter,
    private readonly options: ApplyOptions,
  ) {
    this.revoked = revokedInviteIds(plan.operations);
  }

  async run(): Promise<OrgApplyReport> {
    const phases = PHASES.map((phase) => this.plan.operations.filter((op) => op.phase === phase));
    const invitePhase = phases.findIndex((ops) => ops.some((op) => op.action === 'inviteMember'));
    const phaseBefore = phases
      .slice(0, Math.max(invitePhase, 0))
      .findLastIndex((ops) => ops.length > 0);
    let earlyRead: Promise<InvitesRead> | undefined;
    for (const [index, phaseOps] of phases.entries()) {
      let ops = phaseOps;
      // The pending invites are read again before the invites are sent, so that invites a second
      // apply sent while this one was patching the org are seen (worth a read, not an email sent
      // twice). The read starts alongside the phase before; it is used if that phase ended no
      // later than a read takes, else read again, so the window is never wider than two reads.
      if (index === phaseBefore) earlyRead = this.readPendingInvites();
      if (index === invitePhase) {
        ops = this.withoutSentInvites(ops, await this.freshPendingInvites(earlyRead));
      }
      await Promise.all(
        groupByPerson(ops).map(async (group) => {
          for (const op of group) await this.runOne(op);
        }),
      );
    }
    const operations = this.plan.operations.map(
      (op) =>
        this.results.get(op.id) ??
        this.result(op, { status: 'skipped', attempts: 0, reason: 'not run' }),
    );
    const report: OrgApplyReport = {
      orgId: this.plan.orgId,
      orgName: this.plan.orgName,
      file: this.plan.file,
      counts: countResults(operations),
      operations,
    };
    if (this.stopped !== undefined) report.stopped = this.stopped;
    return report;
  }

  /** The org's pending invites, read after the plan was made (live undefined when the read failed). */
  private async readPendingInvites(): Promise<InvitesRead> {
    const started = performance.now();
    const read = (live: LiveOrg | undefined): InvitesRead => {
      const answeredAt = performance.now();
      return { live, answeredAt, tookMs: answeredAt - started };
    };
    if (this.options.signal?.aborted === true) return read(undefined);
    try {
      return read(
        toLiveOrg(
          { id: this.plan.orgId, orgId: this.plan.orgId, name: '', members: [] },
          await this.api.pendingInvites(this.plan.orgId),
        ),
      );
    } catch {
      return read(undefined);
    }
  }

  /** The early read if it is as fresh as one made now would be (answered no longer ago than it took), else a new read. */
  private async freshPendingInvites(
    earlyRead: Promise<InvitesRead> | undefined,
  ): Promise<LiveOrg | undefined> {
    const early = earlyRead === undefined ? undefined : await earlyRead;
    if (early?.live !== undefined && performance.now() - early.answeredAt <= early.tookMs) {
      return early.live;
    }
    return (await this.readPendingInvites()).live;
  }

  /**
   * The org's pending invites, read again before the invites are sent: an invite that is
   * already there (another apply sent it since the plan was made) is done, not sent a second time.
   * Concurrent applies are still unsupported; this only narrows the window. A failed read sends as
   * planned.
   */
  private withoutSentInvites(ops: Operation[], live: LiveOrg | undefined): Operation[] {
    if (live === undefined) return ops;
    const context = { revokedInviteIds: this.revoked };
    return ops.filter((op) => {
      if (op.action !== 'inviteMember' || !isInEffect(live, op, context)) return true;
      this.finish(op, {
        status: 'done',
        attempts: 0,
        note: 'already invited when the invites were sent (another run?): not sent again',
      });
      return false;
    });
  }

  private async runOne(op: Operation): Promise<void> {
    const blocked = this.whyNotStart(op);
    if (blocked !== undefined) {
      this.finish(op, { status: 'skipped', attempts: 0, reason: blocked });
      return;
    }
    const release = await this.limiter.acquire(this.options.signal);
    if (release === undefined) {
      this.finish(op, { status: 'skipped', attempts: 0, reason: INTERRUPTED });
      return;
    }
    let outcome: OperationOutcome;
    try {
      // Waiting for a slot can take a while: look again before writing.
      const blockedNow = this.whyNotStart(op);
      outcome =
        blockedNow === undefined
          ? await executeOperation(op, {
              api: this.api,
              limiter: this.limiter,
              signal: this.options.signal,
              readBack: { revokedInviteIds: this.revoked },
              rateLimit: this.options.rateLimit,
              settleDelayMs: this.options.settleDelayMs,
              resendWaitMs: this.options.resendWaitMs,
            })
          : { status: 'skipped', attempts: 0, reason: blockedNow };
    } catch (error) {
      // Not an API answer: a bug, reported on this operation rather than losing the others.
      const message = error instanceof Error ? error.message : String(error);
      outcome = { status: 'failed', attempts: 1, error: message, stopsOrg: false };
    } finally {
      release();
    }
    if (outcome.status === 'failed' && outcome.stopsOrg && this.stopped === undefined) {
      this.stopped = `${summarizeOperation(op)} failed: ${outcome.error}`;
      this.stoppedAt = summarizeOperation(op);
    }
    this.finish(op, outcome);
  }

  /** Why the operation must not start now, or undefined when it may. */
  private whyNotStart(op: Operation): string | undefined {
    if (this.options.signal?.aborted === true) return INTERRUPTED;
    if (this.stopped !== undefined) {
      // The reason itself is said once, in the org's `stopped`; each skip only points at it.
      return `the apply of this org stopped when "${this.stoppedAt ?? ''}" failed (why: above)`;
    }
    for (const id of op.dependsOn) {
      const dependency = this.results.get(id);
      if (dependency?.status !== 'done') {
        const what = dependency === undefined ? `operation ${id}` : `"${dependency.summary}"`;
        const status = dependency === undefined ? 'did not run' : dependency.status;
        return `it depends on ${what}, which ${status === 'did not run' ? status : `was ${status}`}`;
      }
    }
    if (takesAdminAway(op)) {
      const unfinished = this.plan.operations.find(
        (o) => ADMIN_SAFETY_PHASES.has(o.phase) && this.results.get(o.id)?.status !== 'done',
      );
      if (unfinished !== undefined) {
        return (
          `"${summarizeOperation(unfinished)}" did not succeed, so no admin is demoted or removed ` +
          '(policy.minAdmins could be broken); run apply again'
        );
      }
    }
    return undefined;
  }

  private finish(op: Operation, outcome: OperationOutcome): void {
    const result = this.result(op, outcome);
    this.results.set(op.id, result);
    this.options.onOperationDone?.(result, this.plan);
  }

  private result(op: Operation, outcome: OperationOutcome): OperationResult {
    const result: OperationResult = {
      id: op.id,
      orgId: op.orgId,
      action: op.action,
      phase: op.phase,
      summary: summarizeOperation(op),
      status: outcome.status,
      attempts: outcome.attempts,
    };
    if (outcome.status === 'failed') result.error = outcome.error;
    if (outcome.status === 'skipped') result.reason = outcome.reason;
    if (outcome.status === 'done' && outcome.note !== undefined) result.note = outcome.note;
    return result;
  }
}

/** Applies every org's operations (orgs concurrently, one limiter for all) and reports each one. */
export async function applyPlan(
  plan: Plan,
  api: LosantApi,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  const limiter =
    options.limiter ?? new AdaptiveLimiter({ max: options.concurrency ?? DEFAULT_CONCURRENCY });
  const orgs = await Promise.all(
    plan.orgs.map((org) => new OrgRun(org, api, limiter, options).run()),
  );
  const all = orgs.flatMap((org) => org.operations);
  const counts = countResults(all);
  return {
    ok: counts.done === counts.total,
    interrupted: all.some((r) => r.reason?.startsWith(INTERRUPTED) === true),
    counts,
    orgs,
  };
}
