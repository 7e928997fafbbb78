// The planner alone, no network: run in a fresh process per size (node --expose-gc) so that memory is its own.
// Usage: node --expose-gc planner-bench.js <members> <changes> <runs>; prints one JSON line.
import { buildPlans } from '../src/plan/build-plan.js';
import { buildScenario, seedToLiveOrg } from './bench-scenario.js';
import { median } from './statistics.js';

export interface PlannerResult {
  members: number;
  changes: number;
  operations: number;
  runs: number;
  medianMs: number;
  minMs: number;
  /** Heap allocated during one plan before any collection (peak heap growth), MiB. */
  peakHeapMiB: number;
  /** Heap still held by the plan after a full collection, MiB. */
  retainedHeapMiB: number;
  /** Growth of the process's peak resident set while planning, MiB. */
  peakRssGrowthMiB: number;
  /**
   * The machine's own growth, for reference: ns per key to fill a Map with the file's emails and look
   * each live member's email up in it (the join at the heart of the planner), median of the runs.
   */
  mapJoinNs: number;
}

const MIB = 1024 * 1024;

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('planner-bench needs node --expose-gc');
  gc();
  gc();
}

function main(): void {
  const [members, changes, runs] = process.argv.slice(2, 5).map(Number) as [number, number, number];
  const now = Date.parse('2026-01-15T12:00:00Z');
  const scenario = buildScenario(members, changes, now);
  const input = {
    desired: scenario.desired,
    live: seedToLiveOrg(scenario.seed),
    now,
    allowRemovals: changes,
  };
  input.desired.members?.reverse(); // a file is not sorted like the live org

  // Memory first, on a cold planner: heap growth without collecting (young generation is large enough to
  // hide little, so the figure is a lower bound of the peak), then what the plan keeps.
  collect();
  const rssBefore = process.resourceUsage().maxRSS;
  const heapBefore = process.memoryUsage().heapUsed;
  const plan = buildPlans([input]);
  const fingerprinted = plan.orgs.every((org) => org.fingerprint.length === 64);
  const heapAfter = process.memoryUsage().heapUsed;
  const rssAfter = process.resourceUsage().maxRSS;
  collect();
  const retained = process.memoryUsage().heapUsed - heapBefore;
  const operations = plan.orgs[0]?.operations.length ?? 0;
  if (!fingerprinted) throw new Error('planner-bench: a fingerprint is not a sha256');

  const times: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    const start = process.hrtime.bigint();
    const again = buildPlans([input]);
    // The live state's hash is taken when first read: read here, as a saved or shown plan does.
    if (again.orgs.some((org) => org.fingerprint.length !== 64)) {
      throw new Error('planner-bench: a fingerprint is not a sha256');
    }
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (again.orgs.length !== 1) throw new Error('planner-bench: expected one org plan');
  }
  // The same join, bare: how much more each hash-map operation costs at this size on this machine.
  const keys = (input.desired.members ?? []).map((m) => m.email.toLowerCase());
  const probes = input.live.members.map((m) => m.email.toLowerCase());
  const joins: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    const start = process.hrtime.bigint();
    const index = new Map<string, number>();
    keys.forEach((key, i) => index.set(key, i));
    let found = 0;
    for (const probe of probes) if (index.get(probe) !== undefined) found += 1;
    joins.push(Number(process.hrtime.bigint() - start) / Math.max(1, keys.length + probes.length));
    if (found === 0) throw new Error('planner-bench: the bare join found no member');
  }
  const result: PlannerResult = {
    members,
    changes,
    operations,
    runs,
    medianMs: median(times),
    minMs: Math.min(...times),
    peakHeapMiB: Math.max(0, heapAfter - heapBefore) / MIB,
    retainedHeapMiB: Math.max(0, retained) / MIB,
    peakRssGrowthMiB: Math.max(0, rssAfter - rssBefore) / 1024,
    mapJoinNs: median(joins),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
