import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lintWorkflowFolder } from '#scripts/ci/lint-workflows-fs.ts';
import { buildPaths } from '#src/archive/paths.ts';

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  if?: string;
  permissions?: Record<string, string>;
  steps?: Step[];
  needs?: string | string[];
  outputs?: Record<string, string>;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown> };
}
interface Workflow {
  on: {
    schedule: Array<{ cron: string }>;
    workflow_dispatch: unknown;
    push: { branches: string[]; paths: string[] };
  };
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

/** A GitHub expression as it is written in the workflow file. */
const gh = (body: string) => `\${{ ${body} }}`;

const workflow = parse(await readFile('.github/workflows/archive.yml', 'utf8')) as Workflow;
const archiveJob = workflow.jobs.archive;
const steps = archiveJob?.steps ?? [];
const uses = (prefix: string) => steps.findIndex((step) => step.uses?.startsWith(prefix));
const runs = (text: string) => steps.findIndex((step) => step.run?.includes(text));
const buildJob = workflow.jobs.build;
const mergeJob = workflow.jobs.merge;
const stepOf = (job: Job | undefined, find: (step: Step) => boolean) => (job?.steps ?? []).find(find);

describe('archive workflow', () => {
  it('runs hourly, monthly for the keepalive, on demand, and on a push to main of what the site is made of, one run at a time', () => {
    expect(workflow.on.schedule.map((entry) => entry.cron)).toEqual(['17 * * * *', '41 3 1 * *']);
    expect('workflow_dispatch' in workflow.on).toBe(true);
    expect(workflow.on.push).toEqual({
      branches: ['main'],
      paths: [
        'feeds.yaml',
        'feedshelf.config.yaml',
        'content/**',
        'src/**',
        'public/**',
        'samples/**',
        'astro.config.mjs',
        'package.json',
        'package-lock.json',
        '.nvmrc',
        '.github/workflows/archive.yml',
      ],
    });
    expect(workflow.concurrency).toEqual({ group: `archive-${gh('github.ref')}`, 'cancel-in-progress': false });
  });

  it("never runs the archive for a push made of its own commits, nor on the keepalive's schedule", () => {
    expect(archiveJob?.if).toBe(
      "(github.event_name != 'schedule' || github.event.schedule != '41 3 1 * *') && " +
        "(github.event_name != 'push' || github.event.head_commit.author.email != '41898282+github-actions[bot]@users.noreply.github.com')",
    );
    expect(steps[runs('git commit')]?.run).toContain(
      "git config user.email '41898282+github-actions[bot]@users.noreply.github.com'",
    );
    // The archive commits are pushed with the workflow's own token, whose pushes start no run.
    expect(steps.some((step) => step.with && 'token' in step.with)).toBe(false);
  });

  it('builds and deploys only when the archive or the site changed', () => {
    const decide = steps.findIndex((step) => step.id === 'changes');
    expect(decide).toBeGreaterThan(runs('git diff --cached --quiet'));
    expect(decide).toBeLessThan(uses('actions/configure-pages@'));
    const gated = [steps.findIndex((step) => step.id === 'plan'), uses('actions/configure-pages@')];
    expect(gated.map((index) => steps[index]?.if)).toEqual(Array(2).fill("steps.changes.outputs.deploy == 'true'"));
    expect(archiveJob?.outputs?.deploy).toBe(gh('steps.changes.outputs.deploy'));
    expect(buildJob?.if).toBe("needs.archive.outputs.deploy == 'true'");
    expect(buildJob?.needs).toBe('archive');
    expect(mergeJob?.needs).toEqual(['archive', 'build']);
    expect(workflow.jobs.deploy?.needs).toBe('merge');
  });

  it('decides to deploy a scheduled run only after a commit, and every push or manual run', async () => {
    const script = steps.find((step) => step.id === 'changes')?.run ?? '';
    const folder = await mkdtemp(join(tmpdir(), 'feedshelf-decide-'));
    const decide = async (event: string, committed: string) => {
      const output = join(folder, `${event}-${committed}.out`);
      const summary = join(folder, `${event}-${committed}.md`);
      await writeFile(output, '');
      await writeFile(summary, '');
      const result = spawnSync('bash', ['-e', '-c', script], {
        env: {
          PATH: process.env.PATH,
          EVENT: event,
          COMMITTED: committed,
          GITHUB_OUTPUT: output,
          GITHUB_STEP_SUMMARY: summary,
        },
        encoding: 'utf8',
      });
      return [result.status, await readFile(output, 'utf8'), await readFile(summary, 'utf8')];
    };
    try {
      expect(await decide('schedule', 'false')).toEqual([
        0,
        'deploy=false\n',
        'Nothing new in the archive: no build, no deploy.\n',
      ]);
      expect(await decide('schedule', 'true')).toEqual([0, 'deploy=true\n', '']);
      expect(await decide('push', 'false')).toEqual([0, 'deploy=true\n', '']);
      expect(await decide('workflow_dispatch', 'false')).toEqual([0, 'deploy=true\n', '']);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('uses the current major version of every action', () => {
    const all = Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).flatMap((step) => step.uses ?? []));
    expect([...new Set(all)].sort()).toEqual([
      'actions/cache@v6',
      'actions/checkout@v7',
      'actions/configure-pages@v6',
      'actions/deploy-pages@v5',
      'actions/download-artifact@v8',
      'actions/setup-node@v7',
      'actions/upload-artifact@v7',
      'actions/upload-pages-artifact@v5',
    ]);
  });

  it('has Dependabot keep the actions and the npm dependencies current, weekly, in groups', async () => {
    const config = parse(await readFile('.github/dependabot.yml', 'utf8'));
    expect(config).toEqual({
      version: 2,
      updates: [
        {
          'package-ecosystem': 'github-actions',
          directory: '/',
          schedule: { interval: 'weekly' },
          groups: { actions: { patterns: ['*'] } },
        },
        {
          'package-ecosystem': 'npm',
          directory: '/',
          schedule: { interval: 'weekly' },
          groups: { 'npm-minor-and-patch': { 'update-types': ['minor', 'patch'] } },
        },
      ],
    });
  });

  it('restores each cache after npm ci, which would empty node_modules', () => {
    for (const [job, path] of [
      [archiveJob, 'node_modules/.astro/feedshelf-checks.json'],
      [buildJob, 'node_modules/.astro'],
      [mergeJob, 'node_modules/.astro/feedshelf-search'],
    ] as const) {
      const all = job?.steps ?? [];
      const cache = all.findIndex((step) => step.uses?.startsWith('actions/cache@'));
      expect(all[cache]?.with?.path).toBe(path);
      expect(all.findIndex((step) => step.run?.includes('npm ci'))).toBeLessThan(cache);
      expect(stepOf(job, (step) => step.uses?.startsWith('actions/setup-node@') === true)?.with).toEqual({
        'node-version-file': '.nvmrc',
        cache: 'npm',
      });
    }
    // One cache per partition, so each job keeps its own share's rendered items and pages.
    expect(stepOf(buildJob, (step) => step.uses?.startsWith('actions/cache@') === true)?.with?.key).toBe(
      `astro-${gh('runner.os')}-${gh("hashFiles('package-lock.json')")}-${gh('matrix.partition.of')}-${gh('matrix.partition.index')}-${gh('github.run_id')}`,
    );
  });

  it('snapshots, summarises, commits and plans in the archive job, in that order', () => {
    const order = [
      runs('npm run --silent snapshot -- --json'),
      runs('npm run --silent ci-summary -- "$RUNNER_TEMP/snapshot.json" >> "$GITHUB_STEP_SUMMARY"'),
      runs('git diff --cached --quiet'),
      runs('ci-summary -- --partitions content/items'),
      uses('actions/configure-pages@'),
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(archiveJob?.outputs).toMatchObject({
      sha: gh('steps.plan.outputs.sha'),
      partitions: gh('steps.plan.outputs.partitions'),
      origin: gh('steps.pages.outputs.origin'),
      base: gh('steps.pages.outputs.base_path'),
    });
  });

  it('builds each partition of the plan in a job of its own, at the planned commit, and uploads it whole', () => {
    expect(buildJob?.strategy).toEqual({
      'fail-fast': true,
      matrix: { partition: gh('fromJSON(needs.archive.outputs.partitions)') },
    });
    for (const job of [buildJob, mergeJob]) {
      expect(stepOf(job, (step) => step.uses?.startsWith('actions/checkout@') === true)?.with).toEqual({
        ref: gh('needs.archive.outputs.sha'),
      });
    }
    const build = stepOf(buildJob, (step) => step.id === 'build');
    expect(build?.run).toBe('npm run build');
    expect(build?.env).toEqual({
      FEEDSHELF_PARTITION: `${gh('matrix.partition.index')}/${gh('matrix.partition.of')}`,
      FEEDSHELF_SITE: gh('needs.archive.outputs.origin'),
      FEEDSHELF_BASE: gh('needs.archive.outputs.base'),
    });
    // The partition's manifest is a dot file, which upload-artifact leaves out unless told.
    expect(stepOf(buildJob, (step) => step.uses?.startsWith('actions/upload-artifact@') === true)?.with).toEqual({
      name: `partition-${gh('matrix.partition.index')}`,
      path: 'dist',
      'include-hidden-files': true,
      'retention-days': 1,
      'if-no-files-found': 'error',
    });
  });

  it('merges the partitions, indexes the site and uploads it for Pages in one job', () => {
    const all = mergeJob?.steps ?? [];
    const order = [
      all.findIndex((step) => step.uses?.startsWith('actions/download-artifact@')),
      all.findIndex((step) => step.run?.includes('run --silent merge')),
      all.findIndex((step) => step.uses?.startsWith('actions/upload-pages-artifact@')),
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(all[order[0] ?? -1]?.with).toEqual({ pattern: 'partition-*', path: `${gh('runner.temp')}/partitions` });
    expect(all[order[1] ?? -1]?.run).toBe('npm run --silent merge -- "$RUNNER_TEMP/partitions" --out dist');
    expect(all[order[2] ?? -1]?.with).toEqual({ path: 'dist' });
  });

  it('lists the files the build left out in the job summary, from where the build writes them, once', () => {
    const all = buildJob?.steps ?? [];
    const summary = all.findIndex((step) => step.run?.includes('ci-summary -- --left-out'));
    expect(summary).toBeGreaterThan(all.findIndex((step) => step.id === 'build'));
    expect(all[summary]?.run).toBe(
      `npm run --silent ci-summary -- --left-out ${buildPaths.leftOut} >> "$GITHUB_STEP_SUMMARY"`,
    );
    expect(all[summary]?.if).toBe("always() && steps.build.outcome != 'skipped' && matrix.partition.index == 1");
  });

  it('builds with astro build alone, which indexes and audits through the feedshelf integration', async () => {
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts.build).toBe('node scripts/feedshelf.ts build');
    expect(await readFile('astro.config.mjs', 'utf8')).toMatch(/integrations: \[feedshelf\(\)\]/);
  });

  it('deploys with the official action and the permissions Pages needs', () => {
    expect(archiveJob?.permissions).toEqual({ contents: 'write' });
    expect(buildJob?.permissions).toBeUndefined();
    expect(workflow.jobs.deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(workflow.jobs.deploy?.steps?.[0]?.uses).toBe('actions/deploy-pages@v5');
    expect(workflow.jobs.keepalive?.permissions).toEqual({ actions: 'write' });
  });
});

describe('lintWorkflowFolder', () => {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'feedshelf-workflows-'));
    await writeFile(
      join(folder, 'broken.yml'),
      `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${gh('github.nope')}\n`,
    );
    await writeFile(join(folder, 'notes.txt'), 'not a workflow');
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('finds nothing wrong in the project workflows', async () => {
    const result = await lintWorkflowFolder('.github/workflows');
    expect(result.files).toEqual(['.github/workflows/archive.yml']);
    expect(result.findings).toEqual([]);
  });

  it('reports an undefined context property with its line and column', async () => {
    const result = await lintWorkflowFolder(folder);
    expect(result.files).toEqual([join(folder, 'broken.yml')]);
    expect(result.findings.map((finding) => [finding.line, finding.column, finding.kind])).toEqual([
      [6, 23, 'expression'],
    ]);
  });
});
