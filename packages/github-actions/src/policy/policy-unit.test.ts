import { SourceFile, toPolicyInput, type ParsedFile, type PolicyUnit } from '@nospof/core';
import { fuzzRuns } from '@nospof/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { githubActionsLanguage } from '../language.js';
import type { GithubActionsRoot } from '../model.js';
import { buildIndex } from '../project-index.js';

function policyUnit(files: Record<string, string>): PolicyUnit {
  const parsed: ParsedFile<GithubActionsRoot>[] = Object.entries(files).map(([path, text]) => {
    const source = new SourceFile(path, text);
    return { ...githubActionsLanguage.parse(source), source, language: 'github-actions' };
  });
  if (!githubActionsLanguage.policyUnit) throw new Error('github-actions builds policy units');
  return githubActionsLanguage.policyUnit({ id: '.', files: Object.keys(files) }, parsed, buildIndex(parsed), {});
}

const ci = `name: CI
on:
  push:
    branches: [main]
permissions:
  contents: read
env:
  REGION: eu-west-1
jobs:
  build:
    runs-on: \${{ matrix.os }}
    timeout-minutes: 20
    strategy:
      fail-fast: false
      matrix:
        os: [ubuntu-latest, windows-latest]
        node: [18, 20]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ matrix.node }}
      - run: npm test -- --shard=\${{ matrix.node }}
  package:
    needs: build
    runs-on: [self-hosted, linux]
    if: github.ref == 'refs/heads/main'
    env:
      REGION: us-east-1
    steps:
      - run: make package
  deploy:
    needs: [build, package]
    uses: ./.github/workflows/deploy.yml
    with:
      environment: production
    secrets: inherit
`;

const deploy = `name: Deploy
on:
  workflow_call:
    inputs:
      environment:
        type: string
        required: true
      timeout:
        type: number
        default: 30
jobs:
  rollout:
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    timeout-minutes: \${{ inputs.timeout }}
    concurrency:
      group: deploy-\${{ inputs.environment }}
      cancel-in-progress: false
    steps:
      - run: ./deploy.sh \${{ inputs.environment }}
`;

describe('github-actions policy unit', () => {
  const unit = policyUnit({ '.github/workflows/ci.yml': ci, '.github/workflows/deploy.yml': deploy, '.github/actions/setup/action.yml': 'name: Setup\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n' });
  const resource = (id: string) => {
    const found = unit.resources.find((r) => r.id === id);
    if (!found) throw new Error(`no resource ${id} in ${unit.resources.map((r) => r.id).join(', ')}`);
    return found;
  };

  it('has a workflow resource per file and a job resource per job, ids as findings name jobs', () => {
    expect(unit.resources.map((r) => [r.id, r.type, r.name])).toEqual([
      ['ci.yml', 'workflow', 'CI'],
      ['ci.yml#jobs.build', 'job', 'build'],
      ['ci.yml#jobs.package', 'job', 'package'],
      ['ci.yml#jobs.deploy', 'job', 'deploy'],
      ['deploy.yml', 'workflow', 'Deploy'],
      ['deploy.yml#jobs.rollout', 'job', 'rollout'],
      ['./.github/actions/setup', 'action', 'Setup'],
    ]);
    expect(resource('ci.yml#jobs.package').range.start).toMatchObject({ line: 24, column: 3 });
    expect(resource('ci.yml').attributes).toMatchObject({ name: 'CI', on: { push: { branches: ['main'] } }, jobs: ['build', 'package', 'deploy'] });
  });

  it('keeps what every matrix leg agrees on and marks the rest Unknown', () => {
    const build = resource('ci.yml#jobs.build').attributes;
    expect(build['runs-on']).toEqual({ $unknown: '`${{ matrix.os }}` differs between the job\'s matrix legs or callers ("ubuntu-latest", "windows-latest")' });
    expect(build['timeout-minutes']).toBe(20);
    expect(build.strategy).toEqual({ 'fail-fast': false, matrix: { os: ['ubuntu-latest', 'windows-latest'], node: [18, 20] } });
    expect(build.steps).toEqual([
      { uses: 'actions/checkout@v4' },
      { uses: 'actions/setup-node@v4', with: { 'node-version': { $unknown: '`${{ matrix.node }}` differs between the job\'s matrix legs or callers (18, 20)' } } },
      { run: 'npm test -- --shard=${{ matrix.node }}' },
    ]);
  });

  it('inherits permissions and env from the workflow, the job winning', () => {
    expect(resource('ci.yml#jobs.package').attributes).toMatchObject({
      'runs-on': ['self-hosted', 'linux'],
      needs: 'build',
      if: "github.ref == 'refs/heads/main'",
      permissions: { contents: 'read' },
      env: { REGION: 'us-east-1' },
    });
    expect(resource('ci.yml#jobs.build').attributes.env).toEqual({ REGION: 'eu-west-1' });
    const permission = resource('ci.yml#jobs.build').locate(['permissions', 'contents']);
    expect(permission?.range.start).toMatchObject({ line: 6, column: 13 });
    expect(permission?.trail?.[0]?.range.start).toMatchObject({ line: 10, column: 3 });
  });

  it('resolves a reusable workflow\'s inputs from its caller, and locates them at the caller\'s with:', () => {
    const rollout = resource('deploy.yml#jobs.rollout');
    expect(rollout.attributes).toMatchObject({
      environment: 'production',
      'timeout-minutes': 30,
      concurrency: { group: 'deploy-production', 'cancel-in-progress': false },
      steps: [{ run: './deploy.sh ${{ inputs.environment }}' }],
    });
    const environment = rollout.locate(['environment']);
    expect(environment).toMatchObject({ file: '.github/workflows/ci.yml', range: { start: { line: 36, column: 20 } } });
    expect(environment?.trail?.[0]).toMatchObject({ file: '.github/workflows/deploy.yml', range: { start: { line: 14, column: 18 } } });
    expect(rollout.locate(['timeout-minutes'])).toMatchObject({ file: '.github/workflows/deploy.yml', range: { start: { line: 10, column: 18 } } });
    expect(rollout.locate(['concurrency', 'group'])?.range.start).toMatchObject({ line: 17, column: 14 });
    expect(resource('ci.yml#jobs.deploy').attributes).toEqual({ needs: ['build', 'package'], uses: './.github/workflows/deploy.yml', with: { environment: 'production' }, secrets: 'inherit', permissions: { contents: 'read' } });
  });

  it('locates values on their exact line and column', () => {
    const build = resource('ci.yml#jobs.build');
    expect(build.locate(['timeout-minutes'])?.range.start).toMatchObject({ line: 12, column: 22 });
    expect(build.locate(['strategy', 'matrix', 'os', 1])?.range.start).toMatchObject({ line: 16, column: 29 });
    expect(build.locate(['strategy'])?.range.start).toMatchObject({ line: 13, column: 5 });
    expect(build.locate(['steps', 1, 'with', 'node-version'])?.range.start).toMatchObject({ line: 22, column: 25 });
    expect(build.locate(['environment'])).toBeUndefined();
  });

  it('locates an input at the caller\'s with: when the caller has a matrix, and marks it Unknown when callers disagree', () => {
    const caller = (env: string) => `on: push\njobs:\n  ship:\n    strategy:\n      matrix:\n        region: [a, b]\n    uses: ./.github/workflows/deploy.yml\n    with:\n      environment: ${env}\n`;
    const one = policyUnit({ '.github/workflows/ci.yml': caller('production'), '.github/workflows/deploy.yml': deploy });
    const rollout = one.resources.find((r) => r.id === 'deploy.yml#jobs.rollout');
    expect(rollout?.attributes.environment).toBe('production');
    expect(rollout?.locate(['environment'])).toMatchObject({ file: '.github/workflows/ci.yml', range: { start: { line: 9, column: 20 } } });
    const two = policyUnit({ '.github/workflows/ci.yml': caller('production'), '.github/workflows/cd.yml': caller('staging'), '.github/workflows/deploy.yml': deploy });
    const disagreed = two.resources.find((r) => r.id === 'deploy.yml#jobs.rollout');
    expect(disagreed?.attributes.environment).toEqual({ $unknown: expect.stringContaining('differs between') });
    expect(disagreed?.locate(['environment'])?.file).toBe('.github/workflows/deploy.yml');
  });

  it('leaves a workflow called by no one in the unit with its input defaults', () => {
    const alone = policyUnit({ '.github/workflows/deploy.yml': deploy });
    expect(alone.resources[1]?.attributes).toMatchObject({ environment: { $unknown: '`inputs.environment` is an input set by the caller' }, 'timeout-minutes': 30 });
  });

  it('names jobs by path when two repositories of the unit have workflows of the same name', () => {
    const two = policyUnit({ 'a/.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: x\n', 'b/.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: y\n' });
    expect(two.resources.map((r) => r.id)).toEqual(['a/.github/workflows/ci.yml', 'a/.github/workflows/ci.yml#jobs.t', 'b/.github/workflows/ci.yml', 'b/.github/workflows/ci.yml#jobs.t']);
  });

  it('bounds the evaluations of a large matrix times many expressions', () => {
    const values = Array.from({ length: 16 }, (_, i) => i).join(', ');
    const steps = Array.from({ length: 300 }, () => '      - uses: ${{ matrix.a }}').join('\n');
    const big = policyUnit({ '.github/workflows/big.yml': `on: push\njobs:\n  big:\n    runs-on: x\n    strategy:\n      matrix:\n        a: [${values}]\n        b: [${values}]\n    steps:\n${steps}\n` });
    const result = big.resources[1]?.attributes.steps as { uses: unknown }[];
    expect(result).toHaveLength(300);
    expect(result[0]?.uses).toMatchObject({ $unknown: expect.stringContaining('differs between') });
    expect(result[299]?.uses).toEqual({ $unknown: 'the job has too many expressions times matrix legs to evaluate here' });
  });

  it('names the single unit of a run after its repository', () => {
    const parsed = ['repo/.github/workflows/a.yml', 'repo/.github/workflows/b.yml'].map((path) => {
      const source = new SourceFile(path, 'on: push\njobs:\n  t:\n    runs-on: x\n');
      return { ...githubActionsLanguage.parse(source), source, language: 'github-actions' };
    });
    expect(githubActionsLanguage.policyUnit?.({ id: '', files: parsed.map((f) => f.source.path) }, parsed, buildIndex(parsed), {}).unit).toBe('repo');
  });

  it('never throws and stays JSON on random input', () => {
    const keys = fc.constantFrom('on', 'jobs', 'build', 'runs-on', 'strategy', 'matrix', 'include', 'exclude', 'steps', 'uses', 'with', 'env', 'if', 'run', 'needs', 'permissions', 'inputs', 'workflow_call');
    const values = fc.constantFrom('push', '${{ matrix.x }}', '${{ inputs.y }}', './.github/workflows/ci.yml', '[a, b]', '', '&a x', '*a', '{', '"', '${{');
    const line = fc.tuple(fc.integer({ min: 0, max: 4 }), keys, fc.boolean(), values).map(([indent, key, dash, value]) => `${'  '.repeat(indent)}${dash ? '- ' : ''}${key}: ${value}`);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (lines) => {
        const u = policyUnit({ '.github/workflows/ci.yml': `on: push\njobs:\n${lines.join('\n')}\n`, '.github/workflows/b.yml': lines.join('\n') });
        const input = toPolicyInput(u);
        expect(JSON.parse(JSON.stringify(input))).toEqual(input);
        for (const r of u.resources) r.locate(['steps', 0, 'with']);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});
