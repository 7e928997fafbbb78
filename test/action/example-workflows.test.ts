// Every example workflow uses only inputs that action.yml declares, with a valid mode.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

interface ActionYml {
  runs: { using: string; main: string };
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

interface Workflow {
  on: unknown;
  permissions?: Record<string, string>;
  jobs: Record<string, { steps?: Step[] }>;
}

const ACTION = parse(readFileSync('action.yml', 'utf8')) as ActionYml;
const WORKFLOW_DIR = 'examples/workflows';
const WORKFLOWS = readdirSync(WORKFLOW_DIR)
  .filter((f) => f.endsWith('.yml'))
  .sort();
const MODES = ['plan', 'apply', 'drift', 'usage'];

/** Our Action, as the examples refer to it: the published `OWNER/losant-org@v1` or `./`. */
function isOurAction(uses: string | undefined): boolean {
  return uses === './' || /(^|\/)losant-org@/.test(uses ?? '');
}

function ourSteps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) =>
    (job.steps ?? []).filter((s) => isOurAction(s.uses)),
  );
}

/** A literal mode, or every quoted literal of an expression such as `${{ cond && 'apply' || 'plan' }}`. */
function modesOf(value: unknown): string[] {
  const text = String(value);
  if (!text.includes('${{')) return [text];
  return [...text.matchAll(/'([^']*)'/g)]
    .map((m) => m[1] ?? '')
    .filter((m) => !['push', 'pull_request'].includes(m));
}

describe('action.yml', () => {
  test('runs the bundle on node24 and declares the documented inputs and outputs', () => {
    expect(ACTION.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(Object.keys(ACTION.inputs).sort()).toEqual([
      'allow-removals',
      'api-token',
      'api-url',
      'comment',
      'config',
      'github-token',
      'mode',
      'require-reviewed-plan',
      'warn-at-percent',
    ]);
    expect(Object.keys(ACTION.outputs).sort()).toEqual([
      'additions',
      'changes',
      'failure-reason',
      'has-changes',
      'near-limit',
      'plan-json',
      'removals',
      'usage-json',
    ]);
  });
});

describe('examples/workflows', () => {
  test('holds the plan, apply, drift, many-orgs and usage workflows', () => {
    expect(WORKFLOWS).toEqual(['apply.yml', 'drift.yml', 'many-orgs.yml', 'plan.yml', 'usage.yml']);
  });

  test.each(WORKFLOWS)(
    '%s passes only declared inputs, every required one, and a valid mode',
    (file) => {
      const workflow = parse(readFileSync(join(WORKFLOW_DIR, file), 'utf8')) as Workflow;
      const steps = ourSteps(workflow);
      expect(steps.length).toBeGreaterThan(0);
      const required = Object.entries(ACTION.inputs)
        .filter(([, input]) => input.required === true)
        .map(([name]) => name)
        .sort();
      for (const step of steps) {
        const keys = Object.keys(step.with ?? {});
        expect(keys.filter((k) => !(k in ACTION.inputs))).toEqual([]);
        expect(required.filter((k) => !keys.includes(k))).toEqual([]);
        const modes = modesOf(step.with?.['mode']);
        expect(modes.length).toBeGreaterThan(0);
        expect(modes.filter((m) => !MODES.includes(m))).toEqual([]);
      }
    },
  );

  test('each workflow asks for the least permissions its mode needs', () => {
    const permissions = Object.fromEntries(
      WORKFLOWS.map((file) => [
        file,
        (parse(readFileSync(join(WORKFLOW_DIR, file), 'utf8')) as Workflow).permissions,
      ]),
    );
    expect(permissions).toEqual({
      'apply.yml': { contents: 'read', 'pull-requests': 'write' },
      'drift.yml': { contents: 'read', issues: 'write' },
      'many-orgs.yml': { contents: 'read', 'pull-requests': 'write' },
      'plan.yml': { contents: 'read', 'pull-requests': 'write' },
      'usage.yml': { contents: 'read' },
    });
  });

  test('apply runs one at a time per org and never cancels a run in progress', () => {
    const apply = parse(readFileSync(join(WORKFLOW_DIR, 'apply.yml'), 'utf8')) as {
      concurrency: { group: string; 'cancel-in-progress': boolean };
    };
    const manyOrgs = parse(readFileSync(join(WORKFLOW_DIR, 'many-orgs.yml'), 'utf8')) as {
      jobs: { org: { concurrency: { group: string; 'cancel-in-progress': boolean } } };
    };
    expect(apply.concurrency).toEqual({
      group: 'losant-org-apply-losant',
      'cancel-in-progress': false,
    });
    expect(manyOrgs.jobs.org.concurrency['cancel-in-progress']).toBe(false);
    expect(manyOrgs.jobs.org.concurrency.group).toMatch(/\$\{\{ matrix\.file \}\}$/);
  });
});
