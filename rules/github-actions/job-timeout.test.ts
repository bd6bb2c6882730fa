import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './job-timeout.js';

ruleTester().run(rule, {
  valid: [
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
  ],
  invalid: [
    {
      name: 'missing timeout is flagged on the job id and fixed',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: make
      `,
      output: yaml`
        on: push
        jobs:
          build:
            timeout-minutes: 30
            runs-on: ubuntu-latest
            steps:
              - run: make
      `,
      errors: [{ messageId: 'missing', data: { job: 'build' }, line: 3, column: 3, endLine: 3, endColumn: 8 }],
    },
    {
      name: 'one step without a timeout leaves the job unbounded',
      code: yaml`
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
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
            runs-on: ubuntu-latest
            steps:
              - run: make
                timeout-minutes: 10
              - run: make test
      `,
      errors: [{ messageId: 'missing', line: 3 }],
    },
    {
      name: 'flow-style job is reported without a fix',
      code: yaml`
        on: push
        jobs:
          lint: { runs-on: ubuntu-latest, steps: [{ run: make lint }] }
      `,
      output: null,
      errors: [{ messageId: 'missing', line: 3, column: 3 }],
    },
  ],
});
