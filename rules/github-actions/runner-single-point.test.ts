import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './runner-single-point.js';

const pools = { 'github-actions': { runnerPools: { 'gpu-box': 1, 'linux-x64': 12, arm64: 4, 'deploy-group': 1 } } };

const job = (runsOn: string) => yaml`
  on: pull_request
  jobs:
    build:
      runs-on: ${runsOn}
      steps:
        - run: make
`;

const called = yaml`
  on:
    workflow_call:
      inputs:
        runner:
          type: string
          default: ubuntu-latest
  jobs:
    deploy:
      runs-on: \${{ inputs.runner }}
      steps:
        - run: ./deploy.sh
`;

ruleTester().run(rule, {
  valid: [
    { name: 'a hosted runner service profile is not a numbered machine', code: job('namespace-profile-release-01') },
    { name: 'a RunsOn label with its run id is a hosted service', code: job('runs-on=${{ github.run_id }}/runner=2cpu-linux-x64'), settings: pools },
    {
      name: 'a release workflow on a hosted runner service is not on one self-hosted pool, even when runnerPools lists its label',
      filename: '.github/workflows/release.yml',
      code: yaml`
        name: Release
        on:
          push:
            tags: ['v*']
        jobs:
          build:
            runs-on: ubicloud-standard-2
            steps:
              - run: make dist
          publish:
            runs-on: ubicloud-standard-2
            needs: build
            steps:
              - run: make publish
      `,
      settings: { 'github-actions': { runnerPools: { 'ubicloud-standard-2': 4 } } },
    },
    {
      name: 'a RunsOn job beside self-hosted ones is the release fallback',
      filename: '.github/workflows/release.yml',
      code: yaml`
        name: Release
        on:
          push:
            tags: ['v*']
        jobs:
          build:
            runs-on: [self-hosted, linux-x64]
            steps:
              - run: make dist
          publish:
            runs-on: runs-on=\${{ github.run_id }}/runner=2cpu-linux-x64
            needs: build
            steps:
              - run: make publish
      `,
      settings: pools,
    },
    {
      name: 'a release workflow whose runner is a free-text dispatch input is not judged as one pool: a dispatch can name another',
      filename: '.github/workflows/release.yml',
      code: yaml`
        name: Release
        on:
          workflow_dispatch:
            inputs:
              runner:
                type: string
                default: linux-x64
        jobs:
          publish:
            runs-on: [self-hosted, '\${{ inputs.runner }}']
            steps:
              - run: make publish
      `,
      settings: pools,
    },
    { name: 'GitHub-hosted label', code: job('ubuntu-latest'), settings: pools },
    { name: 'a dotted pool label naming an instance type and accelerator is a pool', code: job('linux.g6.12xlarge.nvidia.gpu') },
    { name: 'a dotted pool label naming a cloud and a GPU is a pool', code: job('[self-hosted, linux.cloud.h100]') },
    { name: 'GitHub-hosted matrix', code: yaml`
        on: push
        jobs:
          test:
            strategy:
              matrix:
                os: [ubuntu-24.04, windows-2022, macos-14]
            runs-on: \${{ matrix.os }}
            steps:
              - run: make test
      ` },
    { name: 'pool of 12 runners', code: job('[self-hosted, linux-x64]'), settings: pools },
    { name: 'pool size unknown without settings', code: job('[self-hosted, gpu-box]') },
    { name: 'runs-on from a repository variable is not judged', code: job('${{ vars.RUNNER }}'), settings: pools },
    { name: 'runner group with several runners', code: job('{ group: big-builders, labels: [linux-x64] }'), settings: pools },
    { name: 'larger-runner names are not known to be single', code: job('ubuntu-22.04-16core') },
    { name: 'matrix computed at run time', code: yaml`
        on: push
        jobs:
          test:
            strategy:
              matrix: \${{ fromJSON(needs.plan.outputs.matrix) }}
            runs-on: \${{ matrix.runner }}
            steps:
              - run: make test
      `, settings: pools },
    {
      name: 'reusable workflow called with a hosted runner',
      code: yaml`
        on: push
        jobs:
          deploy:
            uses: ./.github/workflows/deploy.yml
            with:
              runner: ubuntu-latest
      `,
      files: { '.github/workflows/deploy.yml': called },
      settings: pools,
    },
    {
      name: 'release workflow with a hosted fallback job',
      filename: '.github/workflows/release.yml',
      code: yaml`
        on:
          release:
            types: [published]
        jobs:
          build:
            runs-on: [self-hosted, linux-x64]
            steps:
              - run: make dist
          publish:
            runs-on: ubuntu-latest
            needs: build
            steps:
              - run: make publish
      `,
    },
    {
      name: 'release pool check can be turned off',
      filename: '.github/workflows/release.yml',
      options: [{ checkReleasePools: false }],
      code: yaml`
        on:
          push:
            tags: ['v*']
        jobs:
          publish:
            runs-on: [self-hosted, linux-x64]
            steps:
              - run: make publish
      `,
    },
  ],
  invalid: [
    {
      name: 'a dispatch choice that names one machine',
      code: yaml`
        on:
          workflow_dispatch:
            inputs:
              runner:
                type: choice
                options: [ubuntu-latest, build-01]
                default: ubuntu-latest
        jobs:
          build:
            runs-on: \${{ inputs.runner }}
            steps:
              - run: make
      `,
      errors: [{ messageId: 'namedMachine', data: { job: 'build', label: 'build-01' }, line: 10 }],
    },
    {
      name: 'a dispatch default on a pool of one, read through github.event.inputs; a choice without default is skipped, not a reason to stop',
      code: yaml`
        on:
          workflow_dispatch:
            inputs:
              runner:
                type: string
                default: gpu-box
              arch:
                type: choice
                options: [x64, arm64]
        jobs:
          train:
            runs-on: [self-hosted, '\${{ github.event.inputs.runner }}']
            steps:
              - run: make
          test:
            runs-on: [self-hosted, '\${{ inputs.arch }}', gpu-box]
            steps:
              - run: make test
      `,
      settings: pools,
      errors: [
        { messageId: 'singleRunner', data: { job: 'train', label: 'gpu-box', count: 1 }, line: 12 },
        { messageId: 'singleRunner', data: { job: 'test', label: 'gpu-box', count: 1 }, line: 16 },
      ],
    },
    {
      name: 'label with a pool of one runner',
      code: job('[self-hosted, linux, gpu-box]'),
      settings: pools,
      errors: [{ messageId: 'singleRunner', data: { job: 'build', label: 'gpu-box', count: 1 }, line: 4, column: 14, endLine: 4, endColumn: 43 }],
    },
    {
      name: 'smallest pool of the label set decides',
      code: job('[self-hosted, linux-x64, gpu-box]'),
      settings: pools,
      errors: [{ messageId: 'singleRunner', data: { label: 'gpu-box' } }],
    },
    {
      name: 'runner group of one runner',
      code: job('{ group: deploy-group, labels: [linux-x64] }'),
      settings: pools,
      errors: [{ messageId: 'singleRunner', data: { label: 'deploy-group' } }],
    },
    {
      name: 'host name label without settings',
      code: job('build01.ci.example.com'),
      errors: [{ messageId: 'namedMachine', data: { label: 'build01.ci.example.com' }, line: 4 }],
    },
    {
      name: 'host name in a private domain without settings',
      code: job('[self-hosted, runner4.ci.internal]'),
      errors: [{ messageId: 'namedMachine', data: { label: 'runner4.ci.internal' } }],
    },
    {
      name: 'numbered machine label',
      code: job('[self-hosted, mac-mini-02]'),
      errors: [{ messageId: 'namedMachine', data: { label: 'mac-mini-02' } }],
    },
    {
      name: 'matrix leg resolves to a single runner',
      code: yaml`
        on: push
        jobs:
          test:
            strategy:
              matrix:
                runner: [linux-x64, gpu-box]
            runs-on: [self-hosted, '\${{ matrix.runner }}']
            steps:
              - run: make test
      `,
      settings: pools,
      errors: [{ messageId: 'singleRunner', data: { label: 'gpu-box' }, line: 7 }],
    },
    {
      name: 'matrix include adds a single-runner leg',
      code: yaml`
        on: push
        jobs:
          test:
            strategy:
              matrix:
                os: [ubuntu-latest]
                include:
                  - os: gpu-box
            runs-on: \${{ matrix.os }}
            steps:
              - run: make test
      `,
      settings: pools,
      errors: [{ messageId: 'singleRunner', data: { label: 'gpu-box' }, line: 9 }],
    },
    {
      name: 'caller passes a single-runner label to a reusable workflow',
      code: yaml`
        on: push
        jobs:
          deploy:
            uses: ./.github/workflows/deploy.yml
            with:
              runner: gpu-box
      `,
      files: { '.github/workflows/deploy.yml': called },
      settings: pools,
      errors: [{ messageId: 'singleRunner', data: { job: 'deploy', label: 'gpu-box' }, line: 6, column: 15 }],
    },
    {
      name: 'release workflow entirely on one self-hosted pool',
      filename: '.github/workflows/release.yml',
      code: yaml`
        name: Release
        on:
          push:
            tags: ['v*']
        jobs:
          build:
            runs-on: [self-hosted, linux-x64]
            steps:
              - run: make dist
          publish:
            runs-on: [self-hosted, linux, linux-x64]
            needs: build
            steps:
              - run: make publish
      `,
      settings: pools,
      errors: [{ messageId: 'releaseOnOnePool', data: { workflow: 'Release', pool: 'linux-x64' }, line: 7 }],
    },
  ],
});
