import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './matrix-fail-fast.js';

ruleTester().run(rule, {
  valid: [
    {
      name: 'fail-fast false on a multi-OS matrix',
      code: yaml`
        on: push
        jobs:
          test:
            strategy:
              fail-fast: false
              matrix:
                os: [ubuntu-latest, windows-latest, macos-latest]
            runs-on: \${{ matrix.os }}
            steps:
              - run: make test
      `,
    },
    {
      name: 'matrix over versions on one platform',
      code: yaml`
        on: push
        jobs:
          test:
            strategy:
              matrix:
                node: [18, 20, 22]
            runs-on: ubuntu-latest
            steps:
              - run: npm test
      `,
    },
    {
      name: 'fail-fast from an expression is not judged',
      code: yaml`
        on: push
        jobs:
          test:
            strategy:
              fail-fast: \${{ github.event_name == 'pull_request' }}
              matrix:
                os: [ubuntu-latest, windows-latest]
            runs-on: \${{ matrix.os }}
            steps:
              - run: make test
      `,
    },
    {
      name: 'matrix from a previous job is not judged',
      code: yaml`
        on: push
        jobs:
          test:
            strategy:
              matrix: \${{ fromJSON(needs.plan.outputs.matrix) }}
            runs-on: \${{ matrix.os }}
            steps:
              - run: make test
      `,
    },
  ],
  invalid: [
    {
      name: 'multi-OS matrix with default fail-fast',
      code: yaml`
        on: push
        jobs:
          test:
            strategy:
              matrix:
                os: [ubuntu-latest, windows-latest, macos-latest]
            runs-on: \${{ matrix.os }}
            steps:
              - run: make test
      `,
      output: yaml`
        on: push
        jobs:
          test:
            strategy:
              fail-fast: false
              matrix:
                os: [ubuntu-latest, windows-latest, macos-latest]
            runs-on: \${{ matrix.os }}
            steps:
              - run: make test
      `,
      errors: [{ messageId: 'failFast', data: { job: 'test', platforms: 3 }, line: 4, column: 5, endColumn: 13 }],
    },
    {
      name: 'explicit fail-fast true with include legs',
      code: yaml`
        on: push
        jobs:
          build:
            strategy:
              fail-fast: true
              matrix:
                include:
                  - runner: ubuntu-24.04
                    target: x86_64-unknown-linux-gnu
                  - runner: macos-14
                    target: aarch64-apple-darwin
            runs-on: \${{ matrix.runner }}
            steps:
              - run: cargo build --target \${{ matrix.target }}
      `,
      output: yaml`
        on: push
        jobs:
          build:
            strategy:
              fail-fast: false
              matrix:
                include:
                  - runner: ubuntu-24.04
                    target: x86_64-unknown-linux-gnu
                  - runner: macos-14
                    target: aarch64-apple-darwin
            runs-on: \${{ matrix.runner }}
            steps:
              - run: cargo build --target \${{ matrix.target }}
      `,
      errors: [{ messageId: 'failFast', data: { platforms: 2 }, line: 5, column: 18 }],
    },
    {
      name: 'platform dimension passed to a reusable workflow',
      code: yaml`
        on: push
        jobs:
          build:
            strategy:
              matrix:
                platform: [linux, windows]
            uses: ./.github/workflows/build.yml
            with:
              platform: \${{ matrix.platform }}
      `,
      output: yaml`
        on: push
        jobs:
          build:
            strategy:
              fail-fast: false
              matrix:
                platform: [linux, windows]
            uses: ./.github/workflows/build.yml
            with:
              platform: \${{ matrix.platform }}
      `,
      errors: [{ messageId: 'failFast', data: { platforms: 2 } }],
    },
  ],
});
