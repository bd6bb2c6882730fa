import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SourceFile } from '@nospof/core';
import { describe, expect, it } from 'vitest';
import { jobScopes } from './scopes.js';
import { resolveRunsOn } from './runs-on.js';
import { parseGithubActions } from './parse.js';
import type { Action, Job, Workflow } from './model.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/github-actions/ok/syntax-forms/.github/', import.meta.url));

function parse(path: string, text: string) {
  return parseGithubActions(new SourceFile(path, text));
}

function workflowOf(text: string, path = '.github/workflows/ci.yml'): Workflow {
  const result = parse(path, text);
  expect(result.errors).toEqual([]);
  expect(result.root?.type).toBe('Workflow');
  return result.root as Workflow;
}

function job(workflow: Workflow, id: string): Job {
  const found = workflow.jobs.find((j) => j.id === id);
  if (!found) throw new Error(`no job ${id}`);
  return found;
}

function labels(j: Job): string[] {
  const scopes = jobScopes(j);
  const runsOn = j.runsOn;
  if (!scopes.known || !runsOn) return [];
  return scopes.value.map((scope) => {
    const r = resolveRunsOn(runsOn, scope);
    return r.known ? r.value.labels.join('+') + (r.value.group ? `@${r.value.group}` : '') : '?';
  });
}

describe('the every-form workflow', () => {
  const text = readFileSync(`${fixtures}workflows/every-form.yml`, 'utf8');
  const wf = workflowOf(text, 'fixtures/github-actions/ok/syntax-forms/.github/workflows/every-form.yml');

  it('reads `on` as a map with filters, schedules and inputs', () => {
    expect(wf.on?.form).toBe('map');
    expect(wf.triggers.map((t) => t.event)).toEqual(['push', 'pull_request', 'schedule', 'workflow_dispatch', 'workflow_call']);
    const push = wf.triggers[0];
    expect(push?.branches).toMatchObject({ known: true, value: ['main', 'release/**', '!release/old-*'] });
    expect(push?.tagsIgnore).toMatchObject({ known: true, value: ['nightly-*'] });
    expect(wf.triggers[2]?.crons?.map((c) => c.text)).toEqual(['17 4 * * 1-5']);
    expect(wf.triggers[4]?.inputs?.[0]).toMatchObject({ name: 'region', default: { text: 'eu-west-1' } });
  });

  it('reads workflow-level concurrency, permissions, defaults and env', () => {
    expect(wf.concurrency).toMatchObject({ form: 'map', group: { dynamic: true }, cancelInProgress: { value: { known: true, value: false } } });
    expect(wf.permissions?.value).toMatchObject({ known: true, value: { contents: 'read' } });
    expect(wf.defaults?.value).toMatchObject({ known: true, value: { run: { shell: 'bash' } } });
    expect(wf.env.map((e) => e.name)).toEqual(['CI']);
    expect(wf.runName?.dynamic).toBe(true);
  });

  it('reads needs as a string and as a list', () => {
    expect(job(wf, 'test').needs.map((n) => n.text)).toEqual(['lint']);
    expect(job(wf, 'integration').needs.map((n) => n.text)).toEqual(['lint', 'test']);
  });

  it('expands the matrix with include and exclude, so runs-on resolves per leg', () => {
    expect(labels(job(wf, 'test'))).toEqual(['ubuntu-latest', 'ubuntu-latest', 'windows-latest', 'macos-14']);
    const strategy = job(wf, 'test').strategy;
    expect(strategy?.failFast?.value).toMatchObject({ known: true, value: false });
    expect(strategy?.maxParallel?.value).toMatchObject({ known: true, value: 4 });
  });

  it('reads runs-on as a string, a list, a group map and an expression', () => {
    expect(job(wf, 'lint').runsOn?.form).toBe('string');
    expect(job(wf, 'integration').runsOn?.form).toBe('list');
    expect(labels(job(wf, 'integration'))).toEqual(['self-hosted+linux+x64+integration']);
    expect(job(wf, 'package').runsOn?.form).toBe('group');
    expect(labels(job(wf, 'package'))).toEqual(['linux-x64-16core@large-builders']);
    expect(job(wf, 'deploy').runsOn?.form).toBe('expression');
    expect(labels(job(wf, 'deploy'))).toEqual(['?', '?']);
  });

  it('reads environment as a string and a map, concurrency as a string and a map', () => {
    expect(job(wf, 'staging').environment).toMatchObject({ form: 'string', name: { text: 'staging' } });
    expect(job(wf, 'deploy').environment).toMatchObject({ form: 'map', name: { dynamic: true }, url: { dynamic: true } });
    expect(job(wf, 'deploy').concurrency).toMatchObject({ form: 'string' });
    expect(job(wf, 'staging').concurrency).toMatchObject({ form: 'map', group: { text: 'deploy-staging' } });
  });

  it('reads job and step if, timeout-minutes, continue-on-error', () => {
    const lint = job(wf, 'lint');
    expect(lint.if?.text).toBe("github.event_name != 'schedule'");
    expect(lint.timeoutMinutes?.value).toMatchObject({ known: true, value: 10 });
    expect(lint.continueOnError?.value).toMatchObject({ known: true, value: false });
    const step = job(wf, 'test').steps[2];
    expect(step?.timeoutMinutes?.value).toMatchObject({ known: true, value: 20 });
    expect(step?.continueOnError?.value.known).toBe(false);
  });

  it('reads services, container (string and map), defaults and permissions', () => {
    const integration = job(wf, 'integration');
    expect(integration.services.map((s) => [s.name, s.image?.text])).toEqual([
      ['postgres', 'postgres:16'],
      ['redis', 'redis:7'],
    ]);
    expect(integration.container?.image?.text).toBe('node:22-bookworm');
    expect(job(wf, 'package').container?.image?.text).toBe('ghcr.io/acme/builder:2024.06');
    expect(job(wf, 'package').permissions?.value).toMatchObject({ known: true, value: { packages: 'write' } });
    expect(job(wf, 'test').defaults?.value).toMatchObject({ known: true, value: { run: { 'working-directory': 'app' } } });
  });

  it('gives every job a resource and exact key ranges', () => {
    const lint = job(wf, 'lint');
    expect(lint.resource).toBe('every-form.yml#jobs.lint');
    const line = text.split('\n').findIndex((l) => l === '  lint:') + 1;
    expect(lint.key.start).toMatchObject({ line, column: 3 });
    expect(lint.key.end).toMatchObject({ line, column: 7 });
  });

  it('reads uses targets of steps', () => {
    const steps = job(wf, 'notify').steps;
    expect(steps[0]?.uses?.target).toEqual({ kind: 'local', path: '.github/actions/notify' });
    expect(steps[1]?.uses?.target).toMatchObject({ kind: 'repository', owner: 'slackapi', repo: 'slack-github-action', ref: 'v2' });
  });
});

describe('the other forms of on', () => {
  it('reads on as a string', () => {
    const wf = workflowOf(readFileSync(`${fixtures}workflows/on-string.yml`, 'utf8'));
    expect(wf.on?.form).toBe('string');
    expect(wf.triggers.map((t) => t.event)).toEqual(['pull_request']);
  });

  it('reads on as a list', () => {
    const wf = workflowOf(readFileSync(`${fixtures}workflows/on-list.yml`, 'utf8'));
    expect(wf.on?.form).toBe('list');
    expect(wf.triggers.map((t) => t.event)).toEqual(['pull_request', 'merge_group']);
  });
});

describe('actions', () => {
  it('reads a composite action and its steps', () => {
    const result = parse('.github/actions/notify/action.yml', readFileSync(`${fixtures}actions/notify/action.yml`, 'utf8'));
    const action = result.root as Action;
    expect(action.type).toBe('Action');
    expect(action.kind).toBe('composite');
    expect(action.inputs.map((i) => i.name)).toEqual(['message']);
    expect(action.steps).toHaveLength(1);
  });

  it('reads a Docker action', () => {
    const result = parse('tools/scan/action.yaml', 'name: Scan\nruns:\n  using: docker\n  image: Dockerfile\n');
    expect(result.root).toMatchObject({ type: 'Action', kind: 'docker', image: { text: 'Dockerfile' } });
  });

  it('an action.yml that is not an action is not this language', () => {
    expect(parse('config/action.yml', 'retries: 3\n').notApplicable).toBe(true);
    expect(parse('config/action.yml', '- a\n- b\n').notApplicable).toBe(true);
  });
});

describe('errors', () => {
  it('reports invalid YAML with a position', () => {
    const result = parse('.github/workflows/ci.yml', 'on: push\njobs:\n  build: [\n');
    expect(result.root).toBeUndefined();
    expect(result.errors[0]?.message).toMatch(/^YAML syntax error: /);
    expect(result.errors[0]?.range.start.line).toBeGreaterThan(0);
  });

  it('reports a file in .github/workflows that is not a workflow', () => {
    const list = parse('.github/workflows/labels.yml', '- name: bug\n  color: red\n');
    expect(list.errors[0]?.message).toContain('is not a workflow');
    const noJobs = parse('.github/workflows/config.yml', 'retries: 3\n');
    expect(noJobs.errors.map((e) => e.message).join('\n')).toContain('no `on:` trigger');
    expect(noJobs.errors.map((e) => e.message).join('\n')).toContain('no `jobs:`');
    expect(parse('.github/workflows/empty.yml', '').errors[0]?.message).toContain('is not a workflow');
  });

  it('reports a job with neither runs-on nor uses, and malformed steps', () => {
    const result = parse('.github/workflows/ci.yml', 'on: push\njobs:\n  build:\n    steps: run make\n');
    expect(result.errors.map((e) => e.message)).toEqual(['`steps` must be a list of steps', 'job "build" has neither `runs-on` nor `uses`']);
  });

  it('reports several documents in one workflow', () => {
    expect(parse('.github/workflows/ci.yml', 'on: push\n---\njobs: {}\n').errors[0]?.message).toContain('several');
  });

  it('keeps alias bombs cheap', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)];
    const text = `on: push\nanchors:\n${bomb.map((l) => `  ${l}`).join('\n')}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        v: *i\n    steps: [{ run: x }]\n`;
    const started = Date.now();
    const wf = workflowOf(text);
    expect(wf.jobs[0]?.strategy?.matrix?.legs.known).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a matrix GitHub would refuse, naming the limit, on the matrix key', () => {
    const values = Array.from({ length: 40 }, (_, i) => i).join(', ');
    const text = `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        a: [${values}]\n        b: [${values}]\n    steps: [{ run: x }]\n`;
    const result = parse('.github/workflows/ci.yml', text);
    expect(result.errors.map((e) => [e.message, e.range.start.line, e.range.start.column])).toEqual([
      ['the matrix expands to 1600 jobs; GitHub runs at most 256 jobs per matrix', 6, 7],
    ]);
    const matrix = (result.root as Workflow).jobs[0]?.strategy?.matrix;
    expect(matrix?.legs.known).toBe(false);
  });

  it('reads a workflow that starts with a document marker like one without it', () => {
    const text = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{ run: make }]\n';
    const marked = workflowOf(`--- # yamllint wants this\n${text}`);
    const plain = workflowOf(text);
    expect(marked.jobs.map((j) => [j.id, j.key.start.line])).toEqual([['build', 4]]);
    expect(plain.jobs.map((j) => [j.id, j.key.start.line])).toEqual([['build', 3]]);
    expect(parse('.github/workflows/ci.yml', `---\n${text}---\n${text}`).errors[0]?.message).toContain('several');
  });
});

describe('jobs switched off by hand', () => {
  const workflow = (condition: string) =>
    workflowOf(['on: push', 'jobs:', '  off:', `    if: ${condition}`, '    runs-on: ubuntu-latest', '    steps:', '      - run: make', '  on:', '    runs-on: ubuntu-latest', '    steps:', '      - run: make', ''].join('\n'));

  it.each(['false', '${{ false }}', "false && github.event_name == 'push'", "${{ false && github.actor != 'bot' }}"])('an `if: %s` job never runs and is left out', (condition) => {
    expect(workflow(condition).jobs.map((j) => j.id)).toEqual(['on']);
  });

  it.each(["github.ref == 'refs/heads/main'", 'failure()', 'inputs.enabled', "false || github.event_name == 'push'"])('an `if: %s` job may run and is kept', (condition) => {
    expect(workflow(condition).jobs.map((j) => j.id)).toEqual(['off', 'on']);
  });
});
