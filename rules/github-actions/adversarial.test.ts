import { describe, expect, it } from 'vitest';
import { Config, Linter, type AnyRule } from '@nospof/core';
import { githubActionsLanguage, parseExpression, evaluateString, runsOnFailure, type Text } from '@nospof/github-actions';
import { repoRules } from '../repo/index.js';
import { expectLinear, repeated } from '../test-support/linear.js';
import { githubActionsRules } from './index.js';
import { namesRealTarget } from './utils/deploy.js';
import { isRealRegion } from './utils/targets.js';

const rules: AnyRule[] = [...githubActionsRules, ...repoRules];
const config = Config.build({ extends: 'nospof:strict' }, undefined, '', rules, () => {
  throw new Error('unreachable');
});

/** Lints one workflow with every GitHub Actions and repository rule under strict, as a CLI run would. */
function lint(text: string) {
  const path = '.github/workflows/hostile.yml';
  return new Linter([githubActionsLanguage], rules).lint({ files: [{ path, text }], configFor: () => config.resolve(path) });
}

/** A deploy workflow whose deploy step runs `script` (a YAML literal block, indented) and whose `if:` is `condition`. */
function workflow(script: string, condition = 'failure()'): string {
  const body = script.split('\n').map((line) => `          ${line}`).join('\n');
  return [
    'on:',
    '  push:',
    '    branches: [main]',
    'jobs:',
    '  deploy:',
    '    runs-on: [self-hosted, deploy]',
    '    environment: production',
    '    steps:',
    '      - run: |',
    body,
    `      - if: ${JSON.stringify(condition)}`,
    '        run: curl -X POST https://hooks.slack.com/services/T/B/X',
    '',
  ].join('\n');
}

const text = (value: string): Text => ({ text: value, dynamic: value.includes('${{'), range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } });

describe('GitHub Actions rules stay linear on hostile workflows', () => {
  const scripts: Readonly<Record<string, string>> = {
    'the 42-second case: curl on one long run line': repeated('curl -X POST ', '\necho "$SLACK_WEBHOOK_URL"'),
    'docker run on one long line': repeated('docker run --rm ', '\necho aquasec/trivy'),
    'unclosed expressions': repeated('echo ${{ '),
    'region flags without values': repeated('--region '),
    'region flags with unclosed expressions': repeated('--region ${{ '),
    'loop keywords without do': repeated('while true; '),
    'kubectl apply on every line': repeated('kubectl apply -f k8s/\n'),
    'kind clusters and image pushes': repeated('kind create cluster; docker push app:1.2.3\n'),
  };
  for (const [name, script] of Object.entries(scripts)) {
    it(name, () => {
      const run = expectLinear(`lint (${name})`, () => lint(workflow(script)));
      expect(run.results.length).toBe(1);
    });
  }

  it('long failure conditions', () => {
    expectLinear('runsOnFailure on spaces after failure', () => runsOnFailure(text(repeated('failure     '))));
    expectLinear('runsOnFailure on unfinished comparisons', () => runsOnFailure(text(repeated(".outcome ==   "))));
    expectLinear('lint with a long if', () => lint(workflow('make', repeated('contains( needs.*.result ,'))));
  });

  it('long expressions', () => {
    expectLinear('evaluateString on unclosed openings', () => evaluateString(repeated('${{ a '), {}));
    expectLinear('parseExpression on a long property chain', () => parseExpression(repeated('a.')));
    expectLinear('parseExpression on deep nesting', () => parseExpression(`${'('.repeat(100_000)}1${')'.repeat(100_000)}`));
    expectLinear('parseExpression on a long operator chain', () => parseExpression(repeated('a || ')));
    expectLinear('parseExpression on an unclosed string', () => parseExpression(`'${repeated("''")}`));
  });

  it('deep nesting is Unknown, not a crash', () => {
    expect(parseExpression(`${'('.repeat(10_000)}1${')'.repeat(10_000)}`)).toBeUndefined();
    expect(parseExpression(`${'!'.repeat(10_000)}true`)).toBeUndefined();
    expect(parseExpression('github.event.inputs.target')).toMatchObject({ kind: 'ref', path: ['github', 'event', 'inputs', 'target'] });
  });

  it('long values in every key the model and the rules read', () => {
    const long = repeated('a1.');
    const workflowText = [
      'on:',
      '  push:',
      `    branches: ['${repeated('*a')}']`,
      'jobs:',
      '  deploy:',
      `    runs-on: [self-hosted, ${repeated('build-0')}]`,
      `    timeout-minutes: ${repeated('1')}x`,
      `    environment: ${repeated('prod-x')}`,
      '    strategy:',
      '      matrix:',
      `        region: [${long}]`,
      '    env:',
      `      AWS_REGION: ${repeated('us-east-')}`,
      '    steps:',
      `      - uses: ./${repeated('/')}x`,
      `      - uses: ${repeated('a/')}@v1`,
      `      - uses: docker://${repeated('a:/')}`,
      `      - if: \${{ ${repeated('(')} }}`,
      '        run: helm upgrade --install web ./chart',
      '',
    ].join('\n');
    expectLinear('lint of a workflow with megabyte-long values', () => lint(workflowText));
  });

  it('names and values read from the file', () => {
    expectLinear('namesRealTarget', () => namesRealTarget(repeated('prod-uction-')));
    expectLinear('isRealRegion', () => isRealRegion(repeated('us-east-')));
  });
});
