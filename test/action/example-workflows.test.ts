// Every example workflow uses only inputs that action.yml declares, with a valid mode, and every
// workflow (examples and .github/) is valid by GitHub's own workflow parser.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser';
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

interface Concurrency {
  group: string;
  'cancel-in-progress': boolean;
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
      'allow-changes',
      'allow-removals',
      'api-token',
      'api-url',
      'comment',
      'config',
      'follow-symlinks',
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

/** The errors of GitHub's own workflow parser (the schema behind github.com's workflow checks). */
async function workflowErrors(file: string): Promise<string[]> {
  const result = parseWorkflow(
    { name: file, content: readFileSync(file, 'utf8') },
    new NoOperationTraceWriter(),
  );
  if (result.value !== undefined) await convertWorkflowTemplate(result.context, result.value);
  return result.context.errors.getErrors().map((error) => error.message);
}

describe('every workflow is valid for GitHub (@actions/workflow-parser)', () => {
  const files = [
    ...WORKFLOWS.map((f) => join(WORKFLOW_DIR, f)),
    ...readdirSync('.github/workflows').map((f) => join('.github/workflows', f)),
  ];

  test.each(files)('%s', async (file) => {
    expect(await workflowErrors(file)).toEqual([]);
  });

  test('a misspelt key is caught, with its line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'losant-org-workflow-'));
    const file = join(dir, 'bad.yml');
    writeFileSync(
      file,
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    environmnt: prod\n    steps:\n      - run: echo\n',
    );

    expect(await workflowErrors(file)).toEqual([
      `${file} (Line: 5, Col: 5): Unexpected value 'environmnt'`,
    ]);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('one uses: line everywhere, the repository of package.json', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    repository: { url: string };
  };
  const repository = /github\.com\/([^/]+\/[^/.]+)(\.git)?$/.exec(pkg.repository.url)?.[1];
  const files = [
    'README.md',
    ...readdirSync('docs').map((f) => join('docs', f)),
    ...WORKFLOWS.map((f) => join(WORKFLOW_DIR, f)),
  ];

  test('package.json names a GitHub repository', () => {
    expect(repository).toBe('losant-gitops/losant-org');
  });

  test.each(files)('%s refers to the Action only by it, and has no placeholder', (file) => {
    const text = readFileSync(file, 'utf8');
    const uses = [...text.matchAll(/uses: ([\w.-]+\/losant-org)@/g)].map((m) => m[1]);

    expect(uses.filter((u) => u !== repository)).toEqual([]);
    expect(text).not.toMatch(/OWNER\//);
  });
});

describe('concurrency: two runs never apply to one org at once', () => {
  test.each(WORKFLOWS)(
    '%s runs our steps inside a losant-org group; one that applies is never cancelled',
    (file) => {
      const workflow = parse(readFileSync(join(WORKFLOW_DIR, file), 'utf8')) as Workflow & {
        concurrency?: Concurrency;
        jobs: Record<string, { steps?: Step[]; concurrency?: Concurrency }>;
      };
      const jobs = Object.values(workflow.jobs).filter((job) =>
        (job.steps ?? []).some((s) => isOurAction(s.uses)),
      );

      expect(jobs.length).toBeGreaterThan(0);
      for (const job of jobs) {
        const concurrency = job.concurrency ?? workflow.concurrency;
        const applies = (job.steps ?? []).some((s) => modesOf(s.with?.['mode']).includes('apply'));
        expect(concurrency?.group).toMatch(/^losant-org-/);
        if (applies) expect(concurrency?.['cancel-in-progress']).toBe(false);
      }
    },
  );

  test('apply.yml: the environment is optional (commented out), and a by-hand recovery path checks the accepted plan hash', () => {
    const text = readFileSync(join(WORKFLOW_DIR, 'apply.yml'), 'utf8');
    const apply = parse(text) as {
      on: { workflow_dispatch?: { inputs: Record<string, { required: boolean }> } };
      jobs: { apply: { environment?: string; steps: (Step & { run?: string })[] } };
    };

    expect(apply.jobs.apply.environment).toBeUndefined();
    expect(text).toMatch(/# Optional: an environment[^\n]*\n\s*# environment: /);
    expect(apply.on.workflow_dispatch?.inputs['plan-hash']?.required).toBe(true);
    const applyStep = apply.jobs.apply.steps.find((s) => s.with?.['mode'] === 'apply');
    expect(applyStep?.with?.['require-reviewed-plan']).toBe(
      "${{ github.event_name == 'workflow_dispatch' && 'false' || 'true' }}",
    );
    expect(apply.jobs.apply.steps.some((s) => s.run?.includes('"$ACCEPTED"*') === true)).toBe(true);
  });
});

describe('.github/workflows/release.yml', () => {
  test('on a tag vX.Y.Z: checks the version and dist/, creates the release, moves the major tag', () => {
    const release = parse(readFileSync('.github/workflows/release.yml', 'utf8')) as {
      on: { push: { tags: string[] } };
      permissions: Record<string, string>;
      jobs: { release: { steps: { run?: string }[] } };
    };
    const runs = release.jobs.release.steps.map((s) => s.run ?? '').join('\n');

    expect(release.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+']);
    expect(release.permissions).toEqual({ contents: 'write' });
    expect(runs).toContain('npm run build');
    expect(runs).toContain('git diff --quiet -- dist/');
    expect(runs).toContain('gh release create "$GITHUB_REF_NAME" --verify-tag');
    expect(runs).toContain('git push --force origin "refs/tags/$major"');
  });
});
