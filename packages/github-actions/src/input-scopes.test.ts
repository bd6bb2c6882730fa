import { SourceFile } from '@nospof/core';
import { describe, expect, it } from 'vitest';
import { evaluateText, stringIn } from './expression/evaluate.js';
import { workflowInputScopes } from './input-scopes.js';
import { parseGithubActions } from './parse.js';
import { jobScopesIn } from './scopes.js';
import type { Job, Workflow } from './model.js';

function workflowOf(text: string): Workflow {
  const result = parseGithubActions(new SourceFile('.github/workflows/release.yml', text));
  expect(result.errors).toEqual([]);
  return result.root as Workflow;
}

function environmentsIn(workflow: Workflow, job: Job): string[] {
  const name = job.environment?.name;
  if (!name) return [];
  const scopes = jobScopesIn(job, workflowInputScopes(workflow));
  if (!scopes.known) return [];
  return scopes.value.map((scope) => {
    const v = stringIn(name, scope);
    return v.known ? v.value : '?';
  });
}

const release = (environment: string, inputs: string) => `
on:
  workflow_dispatch:
    inputs:
${inputs}
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: ${environment}
    steps:
      - run: ./deploy.sh
`;

describe('the values a workflow declares for its inputs', () => {
  it('a choice input with a default: the default first, then each other option', () => {
    const workflow = workflowOf(
      release(
        '${{ inputs.environment }}',
        `      environment:
        type: choice
        options: [staging, production]
        default: production`,
      ),
    );
    expect(environmentsIn(workflow, workflow.jobs[0] as Job)).toEqual(['production', 'staging']);
    const [first, second] = workflowInputScopes(workflow);
    expect(first?.picks?.environment).toMatchObject({ input: 'environment', value: 'production', source: 'default', event: 'workflow_dispatch' });
    expect(second?.picks?.environment).toMatchObject({ value: 'staging', source: 'option' });
  });

  it('`github.event.inputs.x` reads the dispatched value as a string', () => {
    const workflow = workflowOf(
      release(
        '${{ github.event.inputs.environment }}',
        `      environment:
        type: string
        default: production
      dry-run:
        type: boolean
        default: false`,
      ),
    );
    // the second run flips the boolean; the environment does not read it
    expect(environmentsIn(workflow, workflow.jobs[0] as Job)).toEqual(['production', 'production']);
    const [scope] = workflowInputScopes(workflow);
    expect(scope?.inputs?.['dry-run']).toMatchObject({ known: true, value: false });
    expect(evaluateText({ text: '${{ github.event.inputs.dry-run }}', dynamic: true, range: (workflow.jobs[0] as Job).key }, scope)).toMatchObject({ value: 'false' });
  });

  it('a free-text input without default stays Unknown', () => {
    const workflow = workflowOf(release('${{ inputs.target }}', '      target:\n        type: string\n        required: true'));
    expect(workflowInputScopes(workflow)).toEqual([]);
    expect(stringIn((workflow.jobs[0] as Job).environment?.name ?? { text: '', dynamic: false, range: workflow.range }, {}).known).toBe(false);
  });

  it('a `workflow_call` default is a value a caller that passes none gets; `github.event.inputs` is not the call', () => {
    const workflow = workflowOf(`
on:
  workflow_call:
    inputs:
      environment:
        type: string
        default: production
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    steps:
      - run: ./deploy.sh
`);
    const [scope] = workflowInputScopes(workflow);
    expect(scope?.picks?.environment).toMatchObject({ source: 'default', event: 'workflow_call' });
    expect(environmentsIn(workflow, workflow.jobs[0] as Job)).toEqual(['production']);
    expect(evaluateText({ text: '${{ github.event.inputs.environment }}', dynamic: true, range: workflow.range }, scope).known).toBe(false);
  });

  it('a default written as an expression is not a declared value', () => {
    const workflow = workflowOf(release('${{ inputs.environment }}', '      environment:\n        default: ${{ vars.DEFAULT_ENV }}'));
    expect(workflowInputScopes(workflow)).toEqual([]);
  });

  it('each matrix leg in each input scope', () => {
    const workflow = workflowOf(`
on:
  workflow_dispatch:
    inputs:
      stage:
        type: choice
        options: [staging, production]
jobs:
  deploy:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        region: [eu, us]
    environment: \${{ inputs.stage }}-\${{ matrix.region }}
    steps:
      - run: ./deploy.sh
`);
    expect(environmentsIn(workflow, workflow.jobs[0] as Job)).toEqual(['?', '?', 'staging-eu', 'staging-us', 'production-eu', 'production-us']);
  });

  it('a dispatched run has event_name workflow_dispatch: a job gated on another event sits it out', () => {
    const workflow = workflowOf(`
on:
  push:
  workflow_dispatch:
    inputs:
      environment:
        type: choice
        options: [staging, production]
        default: production
jobs:
  on-push:
    if: github.event_name == 'push'
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    steps:
      - run: ./deploy.sh
  on-dispatch:
    if: \${{ github.event_name == 'workflow_dispatch' }}
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    steps:
      - run: ./deploy.sh
`);
    expect(workflowInputScopes(workflow)[0]?.github).toEqual({ event_name: 'workflow_dispatch' });
    expect(environmentsIn(workflow, workflow.jobs[0] as Job)).toEqual(['?']);
    expect(environmentsIn(workflow, workflow.jobs[1] as Job)).toEqual(['production', 'staging']);
  });

  it('a called workflow keeps its caller\'s event_name Unknown', () => {
    const workflow = workflowOf(`
on:
  workflow_call:
    inputs:
      environment:
        type: string
        default: production
jobs:
  deploy:
    if: github.event_name == 'push'
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    steps:
      - run: ./deploy.sh
`);
    expect(workflowInputScopes(workflow)[0]?.github).toBeUndefined();
    expect(environmentsIn(workflow, workflow.jobs[0] as Job)).toEqual(['production']);
  });

  it('a boolean input is judged at both its values: the run that flips it is as certain as its default', () => {
    const workflow = workflowOf(`
on:
  workflow_dispatch:
    inputs:
      dry_run:
        type: boolean
        default: true
jobs:
  deploy:
    if: \${{ !inputs.dry_run }}
    runs-on: ubuntu-latest
    environment: \${{ inputs.dry_run && 'sandbox' || 'production' }}
    steps:
      - run: ./deploy.sh
`);
    const scopes = workflowInputScopes(workflow);
    expect(scopes.map((s) => s.picks?.dry_run)).toMatchObject([{ value: 'true', source: 'default' }, { value: 'false', source: 'value' }]);
    expect(environmentsIn(workflow, workflow.jobs[0] as Job)).toEqual(['production']);
  });
});

