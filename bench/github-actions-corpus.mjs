// A deterministic corpus of GitHub Actions repositories shaped like real ones: many small workflows
// (labeler, stale, auto-merge, lint), medium CI with matrices, services and caching, reusable workflows
// and their callers, composite actions, release and deploy pipelines. Sizes and mixes vary per repository
// the way they do across public projects (most files are small; a few are long).
import { seeded } from './util.mjs';

const OSES = ['ubuntu-latest', 'ubuntu-24.04', 'ubuntu-22.04', 'windows-latest', 'windows-2022', 'macos-14', 'macos-latest'];
const NODES = ['18', '20', '22'];
const PYTHONS = ['3.9', '3.10', '3.11', '3.12', '3.13'];
const GOS = ['1.22', '1.23', '1.24'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const LANGS = ['javascript-typescript', 'go', 'python', 'java-kotlin', 'actions'];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function some(random, list, min = 1) {
  const out = list.filter(() => random() < 0.5);
  return out.length >= min ? out : list.slice(0, min);
}

const timeout = (random, min = 5, max = 60) => (random() < 0.75 ? `\n    timeout-minutes: ${min + Math.floor(random() * (max - min))}` : '');

function labeler() {
  return `name: Labeler
on:
  pull_request_target:
    types: [opened, synchronize]
permissions:
  contents: read
  pull-requests: write
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/labeler@v5
        with:
          repo-token: \${{ secrets.GITHUB_TOKEN }}
`;
}

function stale(random) {
  return `name: Close stale issues
on:
  schedule:
    - cron: '${Math.floor(random() * 60)} ${Math.floor(random() * 24)} * * *'
  workflow_dispatch:
permissions:
  issues: write
  pull-requests: write
jobs:
  stale:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/stale@v9
        with:
          days-before-stale: ${30 + Math.floor(random() * 60)}
          days-before-close: 14
          stale-issue-label: stale
          exempt-issue-labels: pinned,security
          stale-issue-message: >
            This issue has been inactive for a while. It will be closed in two weeks
            unless there is new activity.
`;
}

function autoMerge() {
  return `name: Dependabot auto-merge
on: pull_request
permissions:
  contents: write
  pull-requests: write
jobs:
  dependabot:
    runs-on: ubuntu-latest
    if: github.actor == 'dependabot[bot]'
    steps:
      - id: metadata
        uses: dependabot/fetch-metadata@v2
        with:
          github-token: "\${{ secrets.GITHUB_TOKEN }}"
      - if: steps.metadata.outputs.update-type == 'version-update:semver-patch'
        run: gh pr merge --auto --squash "$PR_URL"
        env:
          PR_URL: \${{ github.event.pull_request.html_url }}
          GH_TOKEN: \${{ secrets.GITHUB_TOKEN }}
`;
}

function lint(random) {
  const tool = pick(random, ['node', 'python', 'go']);
  const steps =
    tool === 'node'
      ? `      - uses: actions/setup-node@v4
        with:
          node-version: 22
          cache: npm
      - run: npm ci
      - run: npm run lint -- --max-warnings 0
      - run: npx prettier --check .`
      : tool === 'python'
        ? `      - uses: actions/setup-python@v5
        with:
          python-version: '3.12'
      - run: pip install ruff mypy
      - run: ruff check . && ruff format --check .
      - run: mypy src/`
        : `      - uses: actions/setup-go@v5
        with:
          go-version-file: go.mod
      - uses: golangci/golangci-lint-action@v6
        with:
          version: v1.61`;
  return `name: Lint
on:
  pull_request:
  push:
    branches: [main]
concurrency:
  group: lint-\${{ github.ref }}
  cancel-in-progress: true
jobs:
  lint:
    runs-on: ubuntu-latest${timeout(random, 5, 20)}
    steps:
      - uses: actions/checkout@v4
${steps}
`;
}

function ci(random, i, hasSetupAction) {
  const oses = some(random, OSES, 2);
  const stack = pick(random, ['node', 'python', 'go']);
  const versions = stack === 'node' ? some(random, NODES, 1) : stack === 'python' ? some(random, PYTHONS, 2) : some(random, GOS, 1);
  const key = stack === 'node' ? 'node' : stack === 'python' ? 'python' : 'go';
  const setup =
    stack === 'node'
      ? hasSetupAction
        ? `      - uses: ./.github/actions/setup
        with:
          node-version: \${{ matrix.node }}`
        : `      - uses: actions/setup-node@v4
        with:
          node-version: \${{ matrix.node }}
          cache: npm
      - run: npm ci`
      : stack === 'python'
        ? `      - uses: actions/setup-python@v5
        with:
          python-version: \${{ matrix.python }}
          cache: pip
      - run: |
          python -m pip install --upgrade pip
          pip install -e '.[test]'`
        : `      - uses: actions/setup-go@v5
        with:
          go-version: \${{ matrix.go }}
          cache: true`;
  const test = stack === 'node' ? 'npm test -- --coverage' : stack === 'python' ? 'pytest -n auto --cov=src --cov-report=xml' : 'go test -race -coverprofile=coverage.out ./...';
  const services =
    random() < 0.4
      ? `
    services:
      postgres:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: postgres
        ports: ['5432:5432']
        options: >-
          --health-cmd pg_isready
          --health-interval 10s
          --health-timeout 5s
          --health-retries 5`
      : '';
  const smoke =
    random() < 0.35
      ? `
  smoke:
    needs: test
    runs-on: ubuntu-latest${timeout(random, 10, 30)}
    steps:
      - uses: actions/checkout@v4
      - uses: helm/kind-action@v1
      - run: |
          kubectl apply -f deploy/crds/
          helm upgrade --install app-${i} ./charts/app --wait --timeout 5m
          kubectl rollout status deploy/app-${i}
`
      : '';
  const codeql =
    random() < 0.6
      ? `
  codeql:
    runs-on: ubuntu-latest${timeout(random, 20, 60)}
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
      - uses: github/codeql-action/autobuild@v3
      - uses: github/codeql-action/analyze@v3
        with:
          category: "/language:\${{ matrix.language }}"
`
      : '';
  return `name: CI
on:
  push:
    branches: [main, 'release/**']
    paths-ignore: ['docs/**', '**.md']
  pull_request:
    paths-ignore: ['docs/**', '**.md']
  workflow_dispatch:
permissions:
  contents: read
concurrency:
  group: ci-\${{ github.workflow }}-\${{ github.event.pull_request.number || github.sha }}
  cancel-in-progress: \${{ github.event_name == 'pull_request' }}
env:
  FORCE_COLOR: '1'
jobs:
  test:
    name: test (\${{ matrix.os }}, \${{ matrix.${key} }})
    runs-on: \${{ matrix.os }}${timeout(random, 10, 60)}
    strategy:${random() < 0.5 ? '\n      fail-fast: false' : ''}
      matrix:
        os: [${oses.join(', ')}]
        ${key}: [${versions.map((v) => `'${v}'`).join(', ')}]
        include:
          - os: ubuntu-latest
            ${key}: '${versions[versions.length - 1]}'
            coverage: true
        exclude:
          - os: windows-latest
            ${key}: '${versions[0]}'${services}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
${setup}
      - name: Test
        run: ${test}
      - if: matrix.coverage
        uses: codecov/codecov-action@v4
        with:
          token: \${{ secrets.CODECOV_TOKEN }}
          fail_ci_if_error: false
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: results-\${{ matrix.os }}-\${{ matrix.${key} }}
          path: reports/
          retention-days: 7
${smoke}${codeql}
  notify:
    needs: [test]
    if: \${{ failure() && github.ref == 'refs/heads/main' }}
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: ./.github/actions/notify
        with:
          message: CI failed on main
`;
}

function reusableBuild(random) {
  return `name: Build (reusable)
on:
  workflow_call:
    inputs:
      runner:
        type: string
        default: ubuntu-latest
      target:
        type: string
        required: true
      upload:
        type: boolean
        default: true
    secrets:
      REGISTRY_TOKEN:
        required: false
    outputs:
      digest:
        description: Image digest
        value: \${{ jobs.build.outputs.digest }}
jobs:
  build:
    runs-on: \${{ inputs.runner }}${timeout(random, 15, 45)}
    outputs:
      digest: \${{ steps.push.outputs.digest }}
    steps:
      - uses: actions/checkout@v4
      - uses: docker/setup-qemu-action@v3
      - uses: docker/setup-buildx-action@v3
      - uses: docker/login-action@v3
        with:
          registry: ghcr.io
          username: \${{ github.actor }}
          password: \${{ secrets.REGISTRY_TOKEN || secrets.GITHUB_TOKEN }}
      - id: meta
        uses: docker/metadata-action@v5
        with:
          images: ghcr.io/\${{ github.repository }}-\${{ inputs.target }}
          tags: |
            type=ref,event=branch
            type=semver,pattern={{version}}
            type=sha
      - id: push
        uses: docker/build-push-action@v6
        with:
          context: .
          target: \${{ inputs.target }}
          platforms: linux/amd64,linux/arm64
          push: \${{ inputs.upload }}
          tags: \${{ steps.meta.outputs.tags }}
          cache-from: type=gha
          cache-to: type=gha,mode=max
`;
}

function callers(random) {
  const targets = some(random, ['api', 'worker', 'web', 'cli'], 1);
  return `name: Images
on:
  push:
    branches: [main]
  pull_request:
jobs:
${targets
  .map(
    (t) => `  ${t}:
    uses: ./.github/workflows/_build.yml
    with:
      target: ${t}
      upload: \${{ github.event_name == 'push' }}
    secrets: inherit`,
  )
  .join('\n')}
  matrix-build:
    strategy:
      matrix:
        target: [${targets.join(', ')}]
    uses: ./.github/workflows/_build.yml
    with:
      target: \${{ matrix.target }}
      runner: ubuntu-24.04
    secrets: inherit
`;
}

function deploy(random, i) {
  const regions = some(random, REGIONS, 1);
  const retry = random() < 0.5;
  const apply = retry
    ? `      - uses: nick-fields/retry@v3
        with:
          timeout_minutes: 10
          max_attempts: 3
          command: helm upgrade --install svc-${i} ./chart --namespace prod --set image.tag=\${{ github.sha }} --wait`
    : `      - run: helm upgrade --install svc-${i} ./chart --namespace prod --set image.tag=\${{ github.sha }} --wait`;
  return `name: Deploy
on:
  push:
    branches: [main]
  workflow_dispatch:
    inputs:
      version:
        description: Image tag to deploy
        required: false
permissions:
  id-token: write
  contents: read
jobs:
  staging:
    runs-on: ubuntu-latest${timeout(random, 10, 30)}
    environment: staging
    concurrency: deploy-staging
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/deploy-staging
          aws-region: ${regions[0]}
      - run: aws eks update-kubeconfig --name staging --region ${regions[0]}
${apply}
  production:
    needs: staging
    runs-on: ${random() < 0.3 ? '[self-hosted, deploy]' : 'ubuntu-latest'}${timeout(random, 10, 30)}
    environment:
      name: production-\${{ matrix.region }}
      url: https://\${{ matrix.region }}.svc-${i}.example.com
    concurrency: deploy-production-\${{ matrix.region }}
    strategy:
      fail-fast: false
      matrix:
        region: [${regions.join(', ')}]
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/deploy
          aws-region: \${{ matrix.region }}
      - run: aws eks update-kubeconfig --name prod --region \${{ matrix.region }}
${apply}
      - if: failure()
        uses: ./.github/actions/notify
        with:
          message: Production deploy failed in \${{ matrix.region }}
`;
}

function release(random, i) {
  return `name: Release
on:
  push:
    tags: ['v*.*.*']
permissions:
  contents: write
  packages: write
concurrency:
  group: release
  cancel-in-progress: false
jobs:
  build:
    strategy:
      fail-fast: false
      matrix:
        include:
          - os: ubuntu-latest
            target: x86_64-unknown-linux-gnu
          - os: ubuntu-latest
            target: aarch64-unknown-linux-gnu
          - os: windows-latest
            target: x86_64-pc-windows-msvc
          - os: macos-14
            target: aarch64-apple-darwin
    runs-on: \${{ matrix.os }}${timeout(random, 20, 60)}
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@stable
        with:
          targets: \${{ matrix.target }}
      - uses: Swatinem/rust-cache@v2
      - run: cargo build --release --locked --target \${{ matrix.target }}
      - shell: bash
        run: |
          mkdir -p dist
          cp target/\${{ matrix.target }}/release/tool-${i}* dist/ || true
          tar -czf tool-${i}-\${{ matrix.target }}.tar.gz -C dist .
      - uses: actions/upload-artifact@v4
        with:
          name: bin-\${{ matrix.target }}
          path: tool-${i}-*.tar.gz
  image:
    runs-on: ubuntu-latest${timeout(random, 10, 40)}
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          push: true
          tags: ghcr.io/acme/tool-${i}:\${{ github.ref_name }}
  publish:
    needs: [build, image]
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/download-artifact@v4
        with:
          path: dist
          merge-multiple: true
      - run: gh release create "$GITHUB_REF_NAME" dist/* --generate-notes --verify-tag
        env:
          GH_TOKEN: \${{ github.token }}
      - if: failure()
        uses: dawidd6/action-send-mail@v3
        with:
          server_address: smtp.example.com
          to: releases@example.com
          from: ci@example.com
          subject: Release \${{ github.ref_name }} failed
`;
}

function docs(random) {
  return `name: Docs
on:
  push:
    branches: [main]
    paths: ['docs/**', 'mkdocs.yml']
permissions:
  contents: write
jobs:
  publish:
    runs-on: ubuntu-latest${timeout(random, 5, 15)}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: '3.12'
      - run: pip install mkdocs-material mkdocstrings
      - run: mkdocs gh-deploy --force
`;
}

function nightly(random) {
  return `name: Nightly
on:
  schedule:
    - cron: '${Math.floor(random() * 60)} ${Math.floor(random() * 6)} * * *'
  workflow_dispatch:
jobs:
  e2e:
    runs-on: ${random() < 0.25 ? '[self-hosted, linux, e2e]' : 'ubuntu-latest'}${timeout(random, 30, 90)}
    steps:
      - uses: actions/checkout@v4
      - run: k3d cluster create nightly --wait
      - run: helm install app ./charts/app --wait && npm run test:e2e
      - run: |
          for attempt in 1 2 3; do
            ./scripts/verify-backup.sh --latest && break
            sleep $((attempt * 30))
          done
      - if: failure()
        uses: 8398a7/action-slack@v3
        with:
          status: failure
        env:
          SLACK_WEBHOOK_URL: \${{ secrets.SLACK_WEBHOOK_URL }}
`;
}

function setupAction() {
  return `name: Setup
description: Node, the npm cache and dependencies
inputs:
  node-version:
    description: Node.js version
    default: '22'
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version: \${{ inputs.node-version }}
        cache: npm
    - shell: bash
      run: npm ci --prefer-offline --no-audit
`;
}

function notifyAction() {
  return `name: Notify
description: Posts a failure to the team channel
inputs:
  message:
    description: What failed
    required: true
runs:
  using: composite
  steps:
    - shell: bash
      env:
        MESSAGE: \${{ inputs.message }}
      run: |
        curl -sS --fail -X POST -H 'Content-Type: application/json' \\
          --data "{\\"text\\": \\"$MESSAGE: $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID\\"}" \\
          https://hooks.slack.com/services/T000/B000/XXXX
`;
}

const HEADERS = [
  '# Runs on every pull request and on the default branch.\n# Keep job names stable: branch protection refers to them.\n',
  '# SPDX-License-Identifier: Apache-2.0\n',
  '# yaml-language-server: $schema=https://json.schemastore.org/github-workflow.json\n',
];

/** Hex digits for a pinned action SHA, deterministic per repository. */
function sha(random) {
  let out = '';
  for (let i = 0; i < 40; i++) out += '0123456789abcdef'[Math.floor(random() * 16)];
  return out;
}

/**
 * What real files carry besides their content: header comments, a leading `---` in some, actions pinned
 * to commit SHAs with the version in a trailing comment (the hardening most security guides ask for).
 */
function decorate(random, text, pinned) {
  let out = text;
  if (pinned) out = out.replace(/uses: ([\w.-]+\/[\w./-]+)@(v[\w.]+)$/gm, (_, action, version) => `uses: ${action}@${sha(random)} # ${version}`);
  if (random() < 0.5) out = pick(random, HEADERS) + out;
  if (random() < 0.1) out = `---\n${out}`;
  return out;
}

/** `repos` repositories; each has the small workflows most projects have and a random mix of the rest. */
export function corpus(repos = 80) {
  const random = seeded(11);
  const files = [];
  for (let r = 0; r < repos; r++) {
    const base = `repo-${r}/.github`;
    const hasSetup = random() < 0.5;
    const pinned = random() < 0.4;
    const add = (path, text) => files.push({ path: `${base}/${path}`, text: decorate(random, text, pinned) });
    add('workflows/ci.yml', ci(random, r, hasSetup));
    add('actions/notify/action.yml', notifyAction());
    if (hasSetup) add('actions/setup/action.yml', setupAction());
    if (random() < 0.7) add('workflows/labeler.yml', labeler());
    if (random() < 0.6) add('workflows/stale.yml', stale(random));
    if (random() < 0.5) add('workflows/dependabot-auto-merge.yml', autoMerge());
    if (random() < 0.6) add('workflows/lint.yml', lint(random));
    if (random() < 0.4) {
      add('workflows/_build.yml', reusableBuild(random));
      add('workflows/images.yml', callers(random));
    }
    if (random() < 0.4) add('workflows/deploy.yml', deploy(random, r));
    if (random() < 0.5) add('workflows/release.yml', release(random, r));
    if (random() < 0.3) add('workflows/docs.yml', docs(random));
    if (random() < 0.3) add('workflows/nightly.yml', nightly(random));
  }
  return files;
}
