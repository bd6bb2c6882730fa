import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './job-timeout.js';

ruleTester().run(rule, {
  valid: [
    {
      name: 'a push-only job is not judged on the runner a dispatch input names: it sits out dispatched runs',
      code: yaml`
        on:
          push:
            branches: [main]
          workflow_dispatch:
            inputs:
              runner:
                type: string
                default: build-farm
        jobs:
          build:
            if: github.event_name == 'push'
            runs-on: \${{ inputs.runner || 'ubuntu-latest' }}
            steps:
              - run: make
      `,
    },
    {
      name: 'job with timeout-minutes',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            timeout-minutes: 20
            steps:
              - run: make
      `,
    },
    {
      name: 'the one-CPU GitHub-hosted ubuntu-slim runner is judged only under strict',
      code: yaml`
        on: push
        jobs:
          triage:
            runs-on: ubuntu-slim
            steps:
              - run: ./label-issues.sh
      `,
    },
    {
      name: 'every step has its own timeout',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: make
                timeout-minutes: 10
              - run: make test
                timeout-minutes: 15
      `,
    },
    {
      name: 'reusable-workflow call is judged in the called workflow',
      code: yaml`
        on: push
        jobs:
          deploy:
            uses: ./.github/workflows/deploy.yml
            secrets: inherit
      `,
    },
    {
      name: 'timeout from an expression is not judged',
      code: yaml`
        on: workflow_dispatch
        jobs:
          build:
            runs-on: ubuntu-latest
            timeout-minutes: \${{ fromJSON(vars.BUILD_TIMEOUT) }}
            steps:
              - run: make
      `,
    },
    {
      name: 'composite actions have no jobs',
      filename: '.github/actions/setup/action.yml',
      code: yaml`
        name: Setup
        runs:
          using: composite
          steps:
            - run: echo hi
              shell: bash
      `,
    },
      {
      name: 'a GitHub-hosted job holds no shared machine: recommended leaves it alone',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: make
      `,
    },
    {
      name: 'standard GitHub-hosted images, arm and Intel variants included',
      code: yaml`
        on: push
        jobs:
          build:
            strategy:
              matrix:
                os: [ubuntu-24.04-arm, windows-11-arm, macos-15-intel, ubuntu-latest]
            runs-on: \${{ matrix.os }}
            steps:
              - run: make
      `,
    },
    {
      name: 'a matrix over GitHub-hosted images only',
      code: yaml`
        on: push
        jobs:
          test:
            strategy:
              matrix:
                os: [ubuntu-24.04, windows-2022, macos-14]
            runs-on: \${{ matrix.os }}
            steps:
              - run: make test
      `,
    },
    {
      name: 'a runner chosen at run time is not judged by the recommended preset',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: \${{ vars.RUNNER }}
            steps:
              - run: make
      `,
    },
  ],
  invalid: [
    {
      name: 'a boolean input that picks the self-hosted pool when set is judged at both its values',
      code: yaml`
        on:
          workflow_dispatch:
            inputs:
              on_prem:
                type: boolean
                default: false
        jobs:
          build:
            runs-on: \${{ inputs.on_prem && 'build-farm' || 'ubuntu-latest' }}
            steps:
              - run: make
      `,
      output: yaml`
        on:
          workflow_dispatch:
            inputs:
              on_prem:
                type: boolean
                default: false
        jobs:
          build:
            timeout-minutes: 30
            runs-on: \${{ inputs.on_prem && 'build-farm' || 'ubuntu-latest' }}
            steps:
              - run: make
      `,
      errors: [{ messageId: 'missing', data: { job: 'build', runner: 'build-farm' }, line: 8 }],
    },
    {
      name: 'a Blacksmith runner is a hosted service billed by the minute, not a machine',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: blacksmith-4vcpu-ubuntu-2204
            steps:
              - run: make
      `,
      output: yaml`
        on: push
        jobs:
          build:
            timeout-minutes: 30
            runs-on: blacksmith-4vcpu-ubuntu-2204
            steps:
              - run: make
      `,
      errors: [{ messageId: 'missingService', data: { job: 'build', service: 'Blacksmith', label: 'blacksmith-4vcpu-ubuntu-2204' }, line: 3 }],
    },
    {
      name: 'a RunsOn label names its service before the run id known only at run time',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: runs-on=\${{ github.run_id }}/runner=2cpu-linux-x64
            steps:
              - run: make
      `,
      output: yaml`
        on: push
        jobs:
          build:
            timeout-minutes: 30
            runs-on: runs-on=\${{ github.run_id }}/runner=2cpu-linux-x64
            steps:
              - run: make
      `,
      errors: [{ messageId: 'missingService', data: { job: 'build', service: 'RunsOn', label: 'runs-on=${{ github.run_id }}/runner=2cpu-linux-x64' }, line: 3 }],
    },
    {
      name: 'RunsOn labels as a list',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: [runs-on, runner=4cpu-linux-arm64, 'run-id=\${{ github.run_id }}']
            steps:
              - run: make
      `,
      output: yaml`
        on: push
        jobs:
          build:
            timeout-minutes: 30
            runs-on: [runs-on, runner=4cpu-linux-arm64, 'run-id=\${{ github.run_id }}']
            steps:
              - run: make
      `,
      errors: [{ messageId: 'missingService', data: { job: 'build', service: 'RunsOn', label: 'runs-on' }, line: 3 }],
    },
    {
      name: 'Ubicloud, BuildJet, Namespace and WarpBuild labels',
      code: yaml`
        on: push
        jobs:
          build:
            strategy:
              matrix:
                runner: [ubicloud-standard-2, buildjet-4vcpu-ubuntu-2204, namespace-profile-default, warp-ubuntu-latest-x64-2x]
            runs-on: \${{ matrix.runner }}
            steps:
              - run: make
      `,
      output: yaml`
        on: push
        jobs:
          build:
            timeout-minutes: 30
            strategy:
              matrix:
                runner: [ubicloud-standard-2, buildjet-4vcpu-ubuntu-2204, namespace-profile-default, warp-ubuntu-latest-x64-2x]
            runs-on: \${{ matrix.runner }}
            steps:
              - run: make
      `,
      errors: [{ messageId: 'missingService', data: { job: 'build', service: 'Ubicloud', label: 'ubicloud-standard-2' }, line: 3 }],
    },
    {
      name: 'a Depot leg beside a self-hosted leg: the self-hosted machine is named',
      code: yaml`
        on: push
        jobs:
          build:
            strategy:
              matrix:
                runner: [depot-ubuntu-24.04-8, gpu-box]
            runs-on: \${{ matrix.runner }}
            steps:
              - run: make
      `,
      output: yaml`
        on: push
        jobs:
          build:
            timeout-minutes: 30
            strategy:
              matrix:
                runner: [depot-ubuntu-24.04-8, gpu-box]
            runs-on: \${{ matrix.runner }}
            steps:
              - run: make
      `,
      errors: [{ messageId: 'missing', data: { job: 'build', runner: 'gpu-box' }, line: 3 }],
    },
    {
      name: 'a pool that only starts like a service name is self-hosted',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: depot-builder
            steps:
              - run: make
      `,
      output: yaml`
        on: push
        jobs:
          build:
            timeout-minutes: 30
            runs-on: depot-builder
            steps:
              - run: make
      `,
      errors: [{ messageId: 'missing', data: { job: 'build', runner: 'depot-builder' }, line: 3 }],
    },
    {
      name: 'a dispatch choice that puts the job on a self-hosted pool',
      code: yaml`
        on:
          workflow_dispatch:
            inputs:
              runner:
                type: choice
                options: [ubuntu-latest, gpu-box]
                default: ubuntu-latest
        jobs:
          train:
            runs-on: \${{ github.event.inputs.runner }}
            steps:
              - run: make
      `,
      output: yaml`
        on:
          workflow_dispatch:
            inputs:
              runner:
                type: choice
                options: [ubuntu-latest, gpu-box]
                default: ubuntu-latest
        jobs:
          train:
            timeout-minutes: 30
            runs-on: \${{ github.event.inputs.runner }}
            steps:
              - run: make
      `,
      errors: [{ messageId: 'missing', data: { job: 'train', runner: 'gpu-box' }, line: 9 }],
    },
    {
      name: 'a self-hosted job without a timeout is flagged on the job id and fixed',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: [self-hosted, linux, x64]
            steps:
              - run: make
      `,
      output: yaml`
        on: push
        jobs:
          build:
            timeout-minutes: 30
            runs-on: [self-hosted, linux, x64]
            steps:
              - run: make
      `,
      errors: [{ messageId: 'missing', data: { job: 'build', runner: 'self-hosted' }, line: 3, column: 3, endLine: 3, endColumn: 8, severity: 'error' }],
    },
    {
      name: 'one step without a timeout leaves the job unbounded',
      code: yaml`
        on: push
        jobs:
          test:
            runs-on: gpu-pool
            steps:
              - run: make
                timeout-minutes: 10
              - run: make test
      `,
      options: [{ fixMinutes: 45 }],
      output: yaml`
        on: push
        jobs:
          test:
            timeout-minutes: 45
            runs-on: gpu-pool
            steps:
              - run: make
                timeout-minutes: 10
              - run: make test
      `,
      errors: [{ messageId: 'missing', data: { runner: 'gpu-pool' }, line: 3 }],
    },
    {
      name: 'a larger macOS runner and a runner group',
      code: yaml`
        on: push
        jobs:
          ios:
            runs-on: macos-14-xlarge
            steps:
              - run: xcodebuild test
          arm:
            runs-on:
              group: arm-builders
            steps:
              - run: make
      `,
      output: yaml`
        on: push
        jobs:
          ios:
            timeout-minutes: 30
            runs-on: macos-14-xlarge
            steps:
              - run: xcodebuild test
          arm:
            timeout-minutes: 30
            runs-on:
              group: arm-builders
            steps:
              - run: make
      `,
      errors: [
        { messageId: 'missing', data: { job: 'ios', runner: 'macos-14-xlarge' }, line: 3 },
        { messageId: 'missing', data: { job: 'arm', runner: 'arm-builders' }, line: 7 },
      ],
    },
    {
      name: 'a larger Linux runner named by its organisation',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: ubuntu-22.04-16core
            steps:
              - run: make
      `,
      output: yaml`
        on: push
        jobs:
          build:
            timeout-minutes: 30
            runs-on: ubuntu-22.04-16core
            steps:
              - run: make
      `,
      errors: [{ messageId: 'missing', data: { runner: 'ubuntu-22.04-16core' } }],
    },
    {
      name: 'one matrix leg on a self-hosted pool is enough',
      code: yaml`
        on: push
        jobs:
          build:
            strategy:
              matrix:
                runner: [ubuntu-latest, [self-hosted, arm64]]
            runs-on: \${{ matrix.runner }}
            steps:
              - run: make
      `,
      output: yaml`
        on: push
        jobs:
          build:
            timeout-minutes: 30
            strategy:
              matrix:
                runner: [ubuntu-latest, [self-hosted, arm64]]
            runs-on: \${{ matrix.runner }}
            steps:
              - run: make
      `,
      errors: [{ messageId: 'missing', data: { runner: 'self-hosted' } }],
    },
    {
      name: 'a called workflow runs on the runner its caller passes',
      filename: '.github/workflows/build.yml',
      code: yaml`
        on:
          workflow_call:
            inputs:
              runner:
                type: string
                default: ubuntu-latest
        jobs:
          compile:
            runs-on: \${{ inputs.runner }}
            steps:
              - run: make
      `,
      files: {
        '.github/workflows/ci.yml': yaml`
          on: push
          jobs:
            build:
              uses: ./.github/workflows/build.yml
              with:
                runner: build-farm
        `,
      },
      output: yaml`
        on:
          workflow_call:
            inputs:
              runner:
                type: string
                default: ubuntu-latest
        jobs:
          compile:
            timeout-minutes: 30
            runs-on: \${{ inputs.runner }}
            steps:
              - run: make
      `,
      errors: [{ messageId: 'missing', data: { job: 'compile', runner: 'build-farm' }, line: 8 }],
    },
    {
      name: 'strict: GitHub-hosted jobs as a warning',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: make
          dynamic:
            runs-on: \${{ vars.RUNNER }}
            steps:
              - run: make
      `,
      options: [{ hostedRunners: true }],
      output: yaml`
        on: push
        jobs:
          build:
            timeout-minutes: 30
            runs-on: ubuntu-latest
            steps:
              - run: make
          dynamic:
            timeout-minutes: 30
            runs-on: \${{ vars.RUNNER }}
            steps:
              - run: make
      `,
      errors: [
        { messageId: 'missingHosted', data: { job: 'build' }, line: 3, severity: 'warning' },
        { messageId: 'missingHosted', data: { job: 'dynamic' }, line: 7, severity: 'warning' },
      ],
    },
    {
      name: 'flow-style job is reported without a fix',
      code: yaml`
        on: push
        jobs:
          lint: { runs-on: [self-hosted, linux], steps: [{ run: make lint }] }
      `,
      output: null,
      errors: [{ messageId: 'missing', line: 3, column: 3 }],
    },
  ],
});
