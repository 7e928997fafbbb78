// npm run bench [-- --quick | --grid=1000x100,... | --latency=20 | --skip-startup | --skip-planner | --skip-baseline | --skip-bandwidth | --no-write]: plan and apply against the emulator, the baseline, the bandwidth run, the planner alone, start-up; writes docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'undici';
import { parseBandwidth } from '../src/emulator/bandwidth-link.js';
import { ACCEPT_ENCODING } from '../src/losant/response-encoding.js';
import type { EmulatorSeed } from '../src/emulator/emulator-seed.js';
import { normalizeAccess } from '../src/model/access.js';
import type { Phase, Plan } from '../src/model/plan.js';
import { PHASES } from '../src/model/plan.js';
import type { BareAnswers } from './bare-server.js';
import { buildScenario, type Scenario } from './bench-scenario.js';
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process.js';
import { runFloor, startBareServer } from './machine-floor.js';
import { measureStartup } from './measure-startup.js';
import type { PlannerResult } from './planner-bench.js';
import { headline, renderReport, type ApiResult, type BenchResults } from './render-report.js';
import { runBaseline } from './run-baseline.js';
import { DEFAULT_CONCURRENCY, measureRoundTrip, runApply, runPlan } from './run-ours.js';
import { median } from './statistics.js';

/**
 * The emulator's latencies, ms: 20 (the issue's figure, where this machine's own costs weigh most) and 50
 * (nearer a round trip to a hosted API). `--latency=20` or `--latency=20,50,100` measures at others.
 */
const DEFAULT_LATENCIES_MS = [20, 50];
/** Built by `npm run bench` (scripts/build.mjs .tmp/bench/dist): the same bundle as dist/cli.js, from the current sources. */
const CLI = resolve('.tmp/bench/dist/cli.js');
const WORK = resolve('.tmp/bench');
const BARE_SERVER = join(WORK, 'bare-server.js');
/** Each apply and each floor is timed this many times, alternately, after an untimed run of each; medians. */
const RUNS = 5;
const REPORT = resolve('docs/benchmarks.md');

/** Org sizes and plan sizes; a plan may not have more changes than the org has members. */
const FULL_GRID: [number, number][] = [
  [100, 10],
  [100, 100],
  [1_000, 10],
  [1_000, 100],
  [1_000, 1_000],
  [10_000, 10],
  [10_000, 100],
  [10_000, 1_000],
];
const QUICK_GRID: [number, number][] = [
  [100, 10],
  [1_000, 100],
];

/** The run over a limited bandwidth: where the bytes of 1,000 org answers matter (--quick: a small one). */
const BANDWIDTH_RUN = { members: 10_000, changes: 1_000, latencyMs: 20, bandwidth: '100mbit' };
const QUICK_BANDWIDTH_RUN = { members: 1_000, changes: 100, latencyMs: 20, bandwidth: '100mbit' };

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** The latency of every round; over a limited bandwidth, plus the bytes downloaded over it. */
function idealMs(
  phases: Partial<Record<Phase, number>>,
  concurrency: number,
  network: Network,
  sentBytes: number,
): number {
  let rounds = 1;
  for (const phase of PHASES) {
    const n = phases[phase] ?? 0;
    if (n > 0) rounds += Math.ceil(n / concurrency);
  }
  const transferMs =
    network.bandwidth === undefined ? 0 : (sentBytes * 8 * 1000) / network.bandwidth.bitsPerSecond;
  return rounds * network.latencyMs + transferMs;
}

interface Network {
  latencyMs: number;
  bandwidth?: { text: string; bitsPerSecond: number };
}

/** The org as people see it: properties, and access per email of members and of invitees. */
function endState(seed: EmulatorSeed): string {
  const org = seed.orgs[0];
  if (org === undefined) return '';
  const emails = new Map(seed.users.map((u) => [u.id, u.email.toLowerCase()]));
  const access = (a: {
    role: string;
    applicationRoles?: { resourceId: string; role: string }[];
    dashboardRoles?: { resourceId: string; role: string }[];
  }): string =>
    JSON.stringify(
      normalizeAccess({
        role: a.role as never,
        applicationRoles: (a.applicationRoles ?? []) as never,
        dashboardRoles: (a.dashboardRoles ?? []) as never,
      }),
    );
  const members = org.members.map((m) => `m ${emails.get(m.userId) ?? m.userId} ${access(m)}`);
  const invites = (org.invites ?? []).map((i) => `i ${i.email.toLowerCase()} ${access(i)}`);
  return JSON.stringify({
    name: org.name,
    description: org.description,
    people: [...members, ...invites].sort(),
  });
}

async function apiCalls(emulator: EmulatorProcess): Promise<number> {
  return (await emulator.control.log()).filter((entry) => entry.action !== null).length;
}

/** A full collection before a timed run (run.mjs starts node with --expose-gc), so that neither pays for the garbage of the run before it. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function samePhases(a: Partial<Record<Phase, number>>, b: Partial<Record<Phase, number>>): boolean {
  return PHASES.every((p) => (a[p] ?? 0) === (b[p] ?? 0));
}

function phasesOf(run: { plan: Plan }): Partial<Record<Phase, number>> {
  const counts: Partial<Record<Phase, number>> = {};
  for (const op of run.plan.orgs[0]?.operations ?? [])
    counts[op.phase] = (counts[op.phase] ?? 0) + 1;
  return counts;
}

/**
 * The emulator's answers, byte for byte as sent to a client asking for compression as ours does, before
 * any change: what the bare server of the floor sends.
 */
async function recordAnswers(emulator: EmulatorProcess, network: Network): Promise<BareAnswers> {
  let encoding: string | undefined;
  const sent = async (path: string): Promise<string> => {
    const response = await request(`${emulator.url}${path}`, {
      headers: {
        authorization: `Bearer ${emulator.token}`,
        accept: 'application/json',
        'accept-encoding': ACCEPT_ENCODING,
      },
    });
    const body = Buffer.from(await response.body.arrayBuffer());
    if (response.statusCode !== 200) {
      throw new Error(`bench: GET ${path} answered ${response.statusCode}`);
    }
    const said = response.headers['content-encoding'];
    if (typeof said === 'string') encoding = said;
    return body.toString('base64');
  };
  const answers: BareAnswers = {
    latencyMs: network.latencyMs,
    me: await sent('/me'),
    org: await sent(`/orgs/${emulator.orgId}`),
    invites: await sent(`/orgs/${emulator.orgId}/invites`),
  };
  if (encoding !== undefined) answers.encoding = encoding;
  if (network.bandwidth !== undefined) {
    answers.bandwidthBitsPerSecond = network.bandwidth.bitsPerSecond;
  }
  return answers;
}

async function withEmulator<T>(
  seedFile: string,
  network: Network,
  run: (e: EmulatorProcess) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulatorProcess(
    CLI,
    seedFile,
    network.latencyMs,
    network.bandwidth?.text,
  );
  try {
    return await run(emulator);
  } finally {
    await emulator.stop();
  }
}

async function benchScenario(
  scenario: Scenario,
  planRuns: number,
  withBaseline: boolean,
  network: Network,
): Promise<ApiResult> {
  const { latencyMs } = network;
  const { members, changes } = scenario;
  const seedFile = join(WORK, `seed-${members}-${changes}.json`);
  await writeFile(seedFile, JSON.stringify(scenario.seed));
  const concurrency = DEFAULT_CONCURRENCY;

  // Ours: plan (several runs; plan writes nothing), then apply, then the second plan must be empty.
  const ours = await withEmulator(seedFile, network, async (emulator) => {
    const roundTrip = median((await measureRoundTrip(emulator, 11)).slice(1));
    const planTimes: number[] = [];
    let planCalls = 0;
    for (let r = 0; r < planRuns; r += 1) {
      await emulator.control.clearLog();
      const run = await runPlan(emulator, scenario.desired, changes);
      planTimes.push(run.ms);
      planCalls = await apiCalls(emulator);
      if (!samePhases(phasesOf(run), scenario.phases)) {
        throw new Error(
          `bench ${members}/${changes}: the plan has ${JSON.stringify(phasesOf(run))}, expected ${JSON.stringify(scenario.phases)}`,
        );
      }
    }
    const answers = await recordAnswers(emulator, network);
    // The first apply is counted (calls, bytes, end state, a second plan that must be empty), not
    // timed; the timed ones follow, each on a fresh emulator.
    await emulator.control.clearLog();
    const apply = await runApply(emulator, scenario.desired, changes, concurrency);
    if (apply.failed > 0) throw new Error(`bench ${members}/${changes}: ${apply.failed} failed`);
    const applyCalls = await apiCalls(emulator);
    const traffic = await emulator.control.traffic();
    const state = endState(await emulator.control.state());
    const again = await runPlan(emulator, scenario.desired, changes);
    const convergent = (again.plan.orgs[0]?.operations.length ?? -1) === 0;
    return {
      planMs: median(planTimes),
      planCalls,
      apply,
      applyCalls,
      answers,
      state,
      convergent,
      startMs: emulator.startMs,
      roundTrip,
      traffic,
    };
  });

  // The timed runs: an apply, each on a fresh emulator (no state or garbage left by the run before),
  // and a floor run, taking turns to go first, so that whatever else the machine does weighs on both.
  const bare = await startBareServer(BARE_SERVER, join(WORK, 'bare-answers.json'), ours.answers);
  const applyTimes: number[] = [];
  const floorTimes: number[] = [];
  try {
    await runFloor(bare.url, scenario.phases, concurrency);
    const timedApply = async (): Promise<void> => {
      const ms = await withEmulator(seedFile, network, async (emulator) => {
        // A new emulator's answer cache is cold: one untimed plan (the reads the apply makes, as it
        // makes them) builds their compressed pieces, as the floor's bare server holds its answers ready.
        await runPlan(emulator, scenario.desired, changes);
        collectGarbage();
        const run = await runApply(emulator, scenario.desired, changes, concurrency);
        if (run.failed > 0) throw new Error(`bench ${members}/${changes}: ${run.failed} failed`);
        if (!samePhases(phasesOf(run), scenario.phases)) {
          throw new Error(`bench ${members}/${changes}: a timed apply planned other phases`);
        }
        return run.ms;
      });
      applyTimes.push(ms);
    };
    const timedFloor = async (): Promise<void> => {
      collectGarbage();
      floorTimes.push(await runFloor(bare.url, scenario.phases, concurrency));
    };
    for (let r = 0; r < RUNS; r += 1) {
      if (r % 2 === 0) {
        await timedApply();
        await timedFloor();
      } else {
        await timedFloor();
        await timedApply();
      }
    }
  } finally {
    await bare.stop();
  }

  // The baseline, on a fresh emulator with the same seed (--skip-baseline: NaN, for quick iterations).
  const baseline = withBaseline
    ? await withEmulator(seedFile, network, async (emulator) => {
        await emulator.control.clearLog();
        const ms = await runBaseline(emulator, scenario.intended);
        const calls = await apiCalls(emulator);
        return { ms, calls, state: endState(await emulator.control.state()) };
      })
    : { ms: Number.NaN, calls: 0, state: undefined };

  return {
    members,
    changes,
    phases: scenario.phases,
    planMs: ours.planMs,
    planRuns,
    planCalls: ours.planCalls,
    applyMs: median(applyTimes),
    applyTimes,
    floorMs: median(floorTimes),
    applyCalls: ours.applyCalls,
    applyFailed: ours.apply.failed,
    concurrency,
    latencyMs,
    ...(network.bandwidth === undefined ? {} : { bandwidth: network.bandwidth.text }),
    idealMs: idealMs(scenario.phases, concurrency, network, ours.traffic.sentBytes),
    latencyIdealMs: idealMs(scenario.phases, concurrency, { latencyMs }, 0),
    sentBytes: ours.traffic.sentBytes,
    bodyBytes: ours.traffic.bodyBytes,
    baselineMs: baseline.ms,
    baselineCalls: baseline.calls,
    sameEndState: baseline.state === undefined ? null : ours.state === baseline.state,
    convergent: ours.convergent,
    emulatorStartMs: ours.startMs,
    roundTripMs: ours.roundTrip,
  };
}

function runPlannerBench(members: number, runs: number): PlannerResult {
  const result = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      join(WORK, 'planner-bench.js'),
      String(members),
      String(members / 10),
      String(runs),
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`planner bench (${members} members) failed:\n${result.stderr}`);
  }
  return JSON.parse(result.stdout) as PlannerResult;
}

function machine(): BenchResults['machine'] {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    os: `${platform()} ${release()}`,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    loadAverage: loadavg(),
  };
}

function logCell(r: ApiResult): void {
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
  log(
    `  plan ${r.planMs.toFixed(0)} ms (${r.planCalls} calls), apply ${r.applyMs.toFixed(0)} ms (${r.applyCalls} calls, ` +
      `ideal ${r.idealMs.toFixed(0)} ms, floor ${r.floorMs.toFixed(0)} ms, runs ${r.applyTimes.map((t) => t.toFixed(0)).join('/')}, ` +
      `${mb(r.sentBytes)} MB down, ${mb(r.bodyBytes)} MB uncompressed), baseline ${r.baselineMs.toFixed(0)} ms (${r.baselineCalls} calls)` +
      (r.sameEndState === false ? ' END STATES DIFFER' : '') +
      (r.convergent ? '' : ' SECOND PLAN NOT EMPTY') +
      (r.applyFailed > 0 ? ` ${r.applyFailed} FAILED` : ''),
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter(
    (a) =>
      ![
        '--quick',
        '--no-write',
        '--skip-startup',
        '--skip-planner',
        '--skip-baseline',
        '--skip-bandwidth',
      ].includes(a) &&
      !a.startsWith('--grid=') &&
      !/^--latency=[1-9]\d*(,[1-9]\d*)*$/.test(a),
  );
  if (unknown.length > 0) {
    log(
      `bench: unknown option ${unknown.join(' ')}\n` +
        'usage: npm run bench [-- --quick | --grid=1000x100,10000x10 | --latency=20,50 | --skip-startup | --skip-planner | --skip-baseline | --skip-bandwidth | --no-write]',
    );
    process.exitCode = 1;
    return;
  }
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((a) => a.startsWith('--grid='));
  const grid: [number, number][] =
    only !== undefined
      ? only
          .slice('--grid='.length)
          .split(',')
          .map((cell) => cell.split('x').map(Number) as [number, number])
      : quick
        ? QUICK_GRID
        : FULL_GRID;
  const skip = new Set(process.argv.filter((a) => a.startsWith('--skip-')).map((a) => a.slice(7)));
  const write = !process.argv.includes('--no-write');
  const latencyArg = process.argv.find((a) => a.startsWith('--latency='));
  const latencies =
    latencyArg === undefined
      ? DEFAULT_LATENCIES_MS
      : latencyArg.slice('--latency='.length).split(',').map(Number);
  await mkdir(WORK, { recursive: true });
  const results: BenchResults = {
    machine: machine(),
    latencies,
    api: [],
    bandwidth: [],
    planner: [],
    startup: { runs: 0, file: '', nodeMs: 0, validateMs: 0, validateExit: null },
  };

  const file = 'examples/small-team.yaml';
  if (!skip.has('startup')) {
    log(`start-up: validate ${file} against node -e 0`);
    results.startup = measureStartup(CLI, file, quick ? 5 : 15);
  }

  for (const members of skip.has('planner') ? [] : [10_000, 100_000]) {
    log(`planner alone: ${members} members`);
    results.planner.push(runPlannerBench(members, members >= 100_000 ? 7 : 15));
  }

  // The baseline only at the first latency: one call at a time, it gains nothing at a longer one.
  for (const [index, latencyMs] of latencies.entries()) {
    for (const [members, changes] of grid) {
      log(`emulator, latency ${latencyMs} ms: ${members} members, ${changes} changes`);
      const scenario = buildScenario(members, changes, Date.now());
      const r = await benchScenario(scenario, 3, index === 0 && !skip.has('baseline'), {
        latencyMs,
      });
      logCell(r);
      results.api.push(r);
    }
  }

  if (!skip.has('bandwidth')) {
    const run = quick ? QUICK_BANDWIDTH_RUN : BANDWIDTH_RUN;
    const network: Network = {
      latencyMs: run.latencyMs,
      bandwidth: { text: run.bandwidth, bitsPerSecond: parseBandwidth(run.bandwidth) },
    };
    log(
      `emulator, latency ${run.latencyMs} ms, bandwidth ${run.bandwidth}: ${run.members} members, ${run.changes} changes`,
    );
    const scenario = buildScenario(run.members, run.changes, Date.now());
    const r = await benchScenario(scenario, 1, false, network);
    logCell(r);
    results.bandwidth.push(r);
  }

  const report = renderReport(results);
  if (write) {
    await mkdir(resolve('docs'), { recursive: true });
    await writeFile(REPORT, report);
    await writeFile(join(WORK, 'results.json'), JSON.stringify(results, null, 2));
  }
  process.stdout.write(`${report}\n`);
  const h = headline(results);
  log(
    `headline: ${h.apply
      .map(
        (a) =>
          `at ${a.latencyMs} ms apply/ideal worst ${a.worstApplyOverIdeal.toFixed(2)}x ` +
          `(floor/ideal ${a.worstFloorOverIdeal.toFixed(2)}x, apply/floor ${a.worstApplyOverFloor.toFixed(2)}x)`,
      )
      .join('; ')}; baseline/apply at 1,000 changes ` +
      `${h.baselineOverOurs1000.map((x) => x.toFixed(1)).join(', ')}x; planner 10k ${h.planner10kMs.toFixed(1)} ms ` +
      `(growth ${h.plannerTimeGrowth.toFixed(1)}x); start-up ${h.startupRatio.toFixed(2)}x node -e 0` +
      (write ? `; written to ${REPORT}` : ''),
  );
}

await main();
