import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './security-scanner-redundancy.js';

const filename = '.github/workflows/security.yml';

const workflow = (steps: string) => yaml`
  on: pull_request
  jobs:
    scan:
      runs-on: ubuntu-latest
      steps:
        - uses: actions/checkout@v4
        ${steps}
`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'CodeQL and Trivy in one workflow',
      filename,
      code: workflow(yaml`
        - uses: github/codeql-action/init@v3
        - uses: github/codeql-action/analyze@v3
        - uses: aquasecurity/trivy-action@0.28.0
          with:
            scan-type: fs
      `),
    },
    {
      name: 'scanners spread over two workflows, one run from the command line',
      filename,
      code: workflow('- run: semgrep scan --config auto --error'),
      files: { '.github/workflows/secrets.yml': workflow('- run: docker run --rm -v "$PWD:/repo" zricethezav/gitleaks:v8.18.4 detect --source /repo') },
    },
    {
      name: 'minimum lowered to one in settings',
      filename,
      code: workflow('- uses: snyk/actions/node@master'),
      settings: { securityScanners: { min: 1 } },
    },
    {
      name: 'govulncheck inside a shell function, and cargo-deny beside cargo audit',
      filename,
      code: workflow(yaml`
        - run: |
            vulncheck() {
              go run golang.org/x/vuln/cmd/govulncheck@latest ./...
            }
            vulncheck
        - run: cargo deny check advisories
      `),
    },
    {
      name: 'an in-house scanner declared in settings',
      filename,
      code: workflow(yaml`
        - uses: github/codeql-action/analyze@v3
        - run: ./tools/acme-seccheck --fail-on high
      `),
      settings: { securityScanners: { extra: [{ name: 'acme-seccheck', commands: ['acme-seccheck'] }] } },
    },
    {
      name: 'a pipeline that calls a reusable workflow of another repository is not judged',
      filename,
      code: yaml`
        on: pull_request
        jobs:
          security:
            uses: acme/.github/.github/workflows/security.yml@v4
            secrets: inherit
          test:
            runs-on: ubuntu-latest
            steps:
              - run: make test
      `,
    },
    {
      name: 'a Jenkinsfile that is only a shared-library call is not judged',
      filename: 'Jenkinsfile',
      code: "@Library('acme-pipeline@v3') _\nstandardPipeline(team: 'payments')\n",
    },
    {
      name: 'a Jenkinsfile that calls a global library step without @Library (ci.jenkins.io buildPlugin) is not judged',
      filename: 'Jenkinsfile',
      code: "/* see https://github.com/jenkins-infra/pipeline-library/ */\nbuildPlugin(\n  useContainerAgent: true,\n  configurations: [[platform: 'linux', jdk: 21]],\n)\n",
    },
    {
      name: 'one library step of the tree and one from outside it: the count is unknown',
      filename: 'Jenkinsfile',
      code: "parallel(\n  'build': { buildService(name: 'api') },\n  'deps': { updatecli(action: 'diff') },\n)\n",
      files: { 'vars/buildService.groovy': "def call(Map config) {\n  node('linux') {\n    sh 'make test'\n  }\n}\n" },
    },
    {
      name: 'a repository of shared-library steps has no pipeline of its own: not judged',
      filename: 'vars/deployService.groovy',
      code: "def call(Map config) {\n  node('linux') {\n    stage('Deploy') {\n      sh 'make deploy'\n    }\n  }\n}\n",
    },
    {
      name: 'a library step called inside parallel branches, with no agent of the file, is not judged',
      filename: 'Jenkinsfile_k8s',
      code: "parallel(\n  failFast: false,\n  'terraform': {\n    terraform(productionCredentials: [string(variable: 'KEY', credentialsId: 'key')])\n  },\n)\n",
    },
    {
      name: 'a pipeline that calls a reusable workflow of this repository missing from the run is not judged',
      filename,
      code: yaml`
        on: pull_request
        jobs:
          security:
            uses: ./.github/workflows/scan.yml
          test:
            runs-on: ubuntu-latest
            steps:
              - run: make test
      `,
    },
    {
      name: 'a job whose uses: names a local action, not a workflow, runs unknown code',
      filename,
      code: yaml`
        on: pull_request
        jobs:
          security:
            uses: ./.github/actions/scan
          test:
            runs-on: ubuntu-latest
            steps:
              - run: make test
      `,
      files: { '.github/actions/scan/action.yml': 'name: Scan\nruns:\n  using: composite\n  steps:\n    - run: make scan\n      shell: bash\n' },
    },
    {
      name: 'a Jenkinsfile that is only a shared-library call beside a workflow is not judged',
      filename,
      code: workflow('- run: make test'),
      files: { 'ci/Jenkinsfile': "@Library('acme-pipeline@v3') _\nstandardPipeline(team: 'payments')\n" },
    },
    {
      name: 'a run without pipeline files is not judged',
      filename: '.github/actions/setup/action.yml',
      code: yaml`
        name: Setup
        runs:
          using: composite
          steps:
            - run: npm ci
              shell: bash
      `,
    },
  ],
  invalid: [
    {
      name: 'one scanner only',
      filename,
      code: workflow(yaml`
        - uses: github/codeql-action/analyze@v3
          with:
            category: /language:go
      `),
      errors: [{ messageId: 'tooFew', data: { count: 1, scanners: 'codeql', min: 2 }, file: filename, line: 3, column: 3, endColumn: 7 }],
    },
    {
      name: 'same scanner in two files counts once',
      filename,
      code: workflow('- run: trivy image --exit-code 1 "$IMAGE"'),
      files: { '.github/workflows/nightly.yml': workflow('- uses: aquasecurity/trivy-action@0.28.0') },
      errors: [{ messageId: 'tooFew', data: { count: 1, scanners: 'trivy' }, file: '.github/workflows/nightly.yml' }],
    },
    {
      name: 'no scanner at all',
      filename,
      code: workflow('- run: make test'),
      errors: [{ messageId: 'none', data: { min: 2 }, file: filename, line: 2, column: 1, endColumn: 5 }],
    },
    {
      name: 'no scanner: the finding lands on the main CI workflow, not the first file',
      filename: '.github/workflows/a-release.yml',
      code: yaml`
        on:
          push:
            tags: ['v*']
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: make publish
      `,
      files: {
        '.github/workflows/ci.yml': yaml`
          name: CI
          on: [push, pull_request]
          jobs:
            test:
              runs-on: ubuntu-latest
              steps:
                - run: make test
        `,
      },
      errors: [{ messageId: 'none', file: '.github/workflows/ci.yml', line: 3, column: 1 }],
    },
    {
      name: 'a Jenkins-only repository: the finding lands on its stages',
      filename: 'Jenkinsfile',
      code: "pipeline {\n  agent any\n  stages {\n    stage('build') {\n      steps {\n        sh 'make'\n      }\n    }\n  }\n}\n",
      errors: [{ messageId: 'none', file: 'Jenkinsfile', line: 3, column: 3 }],
    },
    {
      name: 'a scripted Jenkinsfile: the finding lands on its first stage, not on the properties call before it',
      filename: 'Jenkinsfile',
      code: "properties([buildDiscarder(logRotator(numToKeepStr: '50'))])\n\nstage('Build') {\n  node('linux') {\n    sh 'make'\n  }\n}\n",
      errors: [{ messageId: 'none', file: 'Jenkinsfile', line: 3, column: 1, endColumn: 6 }],
    },
    {
      name: 'a reusable workflow of the run that a pipeline calls is read: no scanner in either',
      filename,
      code: yaml`
        on: pull_request
        jobs:
          security:
            uses: ./.github/workflows/scan.yml
      `,
      files: { '.github/workflows/scan.yml': 'on: workflow_call\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n' },
      errors: [{ messageId: 'none', file: filename, line: 2, column: 1 }],
    },
    {
      name: 'a library step of the scanned tree is followed: its pipeline is judged',
      filename: 'Jenkinsfile',
      code: "buildService(name: 'api')\n",
      files: { 'vars/buildService.groovy': "def call(Map config) {\n  node('linux') {\n    sh 'make test'\n  }\n}\n" },
      errors: [{ messageId: 'none' }],
    },
    {
      name: 'two Jenkinsfiles and no workflow: the finding lands on the first by path',
      filename: 'services/b/Jenkinsfile',
      code: "pipeline {\n  agent any\n  stages {\n    stage('build') {\n      steps {\n        sh 'make'\n      }\n    }\n  }\n}\n",
      files: { 'services/a/Jenkinsfile': "node {\n  stage('build') {\n    sh 'make'\n  }\n}\n" },
      errors: [{ messageId: 'none', file: 'services/a/Jenkinsfile', line: 1, column: 1 }],
    },
    {
      name: 'three required by settings',
      filename,
      code: workflow(yaml`
        - uses: github/codeql-action/analyze@v3
        - run: gitleaks detect --redact
      `),
      settings: { securityScanners: { min: 3 } },
      errors: [{ messageId: 'tooFew', data: { count: 2, scanners: 'codeql, gitleaks', min: 3 } }],
    },
  ],
});
