import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { tempTree } from './helpers/temp-tree.js';

// Jenkins and GitHub Actions judge one pipeline (Jenkins) or one workflow repository (GitHub Actions) per
// deployment unit: naming one file gives exactly the findings the whole run gives for it, and `nospof
// input` prints only the unit it belongs to.

const jenkinsRepository = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.nospof.yaml': 'extends: [nospof:strict]\nrules:\n  repo/security-scanner-redundancy: off\n  repo/alert-channel-redundancy: off\n',
  Jenkinsfile: "pipeline {\n  agent { label 'linux' }\n  stages {\n    stage('Build') { steps { sh 'make' } }\n    stage('Deploy') { steps { deployApp('prod') } }\n  }\n}\n",
  'release/Jenkinsfile': "node('linux') {\n  def ci = load 'ci/notify.groovy'\n  stage('Release') { sh 'make release' }\n  ci.releaseFailed('x')\n}\n",
  'Jenkinsfile.nightly': "pipeline {\n  agent any\n  stages { stage('Nightly') { input { message 'Go?' }\n steps { sh 'make nightly' } } }\n  post { failure { notifyChat('nightly failed') } }\n}\n",
  'vars/deployApp.groovy': "def call(String env) {\n  node('deploy') { sh \"deploy ${env}\" }\n  notifyChat('deployed')\n}\n",
  'vars/notifyChat.groovy': "def call(String text) {\n  slackSend channel: '#ci', message: text\n}\n",
  'ci/notify.groovy': "def releaseFailed(String reason) {\n  mail to: 'r@example.com', subject: 'failed', body: reason\n}\nreturn this\n",
};

interface JsonResult {
  file: string;
  findings: { ruleId: string; range: { start: { line: number; column: number } }; related?: { file?: string; range: { start: { line: number } } }[] }[];
}

/** Findings of a run as comparable lines, by the file they stand in. */
function findingLines(stdout: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const result of JSON.parse(stdout) as JsonResult[]) {
    const lines = result.findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.column}`).sort();
    if (lines.length > 0) out.set(result.file, lines);
  }
  return out;
}

describe('Jenkins: one deployment unit per pipeline', () => {
  it('gives a pipeline named alone the findings the whole run gives it', async () => {
    const root = tempTree(jenkinsRepository);
    const whole = await runCli(['--format', 'json'], root);
    const all = findingLines(whole.stdout);
    const pipelines = ['Jenkinsfile', 'release/Jenkinsfile', 'Jenkinsfile.nightly'];
    expect(pipelines.filter((p) => all.has(p)), JSON.stringify([...all])).toEqual(pipelines);
    // the nightly pipeline alerts through its library step `notifyChat`: one channel, resolved in its unit
    expect(all.get('Jenkinsfile.nightly')).toContain('jenkins/failure-notification@5:3');
    for (const pipeline of pipelines) {
      const alone = await runCli(['--format', 'json', pipeline], root);
      expect(findingLines(alone.stdout).get(pipeline), pipeline).toEqual(all.get(pipeline));
    }
  });

  it('nospof input on a Jenkinsfile prints only its pipeline, with the library steps it calls', async () => {
    const root = tempTree(jenkinsRepository);
    const result = await runCli(['input', 'Jenkinsfile'], root);
    expect(result.code, result.stderr).toBe(0);
    const input = JSON.parse(result.stdout) as { language: string; unit: string; files: string[]; resources: { id: string; file: string }[] };
    expect(input.language).toBe('jenkins');
    expect(input.unit).toBe('Jenkinsfile');
    expect(input.files).toEqual(['Jenkinsfile', 'vars/deployApp.groovy', 'vars/notifyChat.groovy']);
    expect(input.resources.map((r) => r.id)).toEqual(['pipeline', 'stage:Build', 'stage:Deploy']);
    expect(new Set(input.resources.map((r) => r.file))).toEqual(new Set(['Jenkinsfile']));
  });

  it('nospof input on a library step prints each pipeline that calls it', async () => {
    const root = tempTree(jenkinsRepository);
    const result = await runCli(['input', 'vars/notifyChat.groovy'], root);
    expect(result.code, result.stderr).toBe(0);
    const inputs = JSON.parse(result.stdout) as { unit: string }[];
    expect(inputs.map((i) => i.unit)).toEqual(['Jenkinsfile', 'Jenkinsfile.nightly']);
    expect((await runCli(['input', '--unit', 'Jenkinsfile.nightly', 'vars/notifyChat.groovy'], root)).code).toBe(0);
  });
});

describe('GitHub Actions: one deployment unit per workflow repository', () => {
  const workflow = (echo: string) => `name: CI\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${echo}\n`;

  it('nospof input on a workflow prints only its own repository, not an example repository beside it', async () => {
    const root = tempTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.github/workflows/ci.yml': workflow('top'),
      'action.yml': 'name: Root\nruns:\n  using: composite\n  steps:\n    - run: echo root\n      shell: bash\n',
      'examples/demo/.github/workflows/ci.yml': workflow('demo'),
    });
    const result = await runCli(['input', '.github/workflows/ci.yml'], root);
    expect(result.code, result.stderr).toBe(0);
    const input = JSON.parse(result.stdout) as { unit: string; files: string[]; resources: { id: string; type: string }[] };
    expect(input.unit).toBe('.');
    expect(input.files).toEqual(['.github/workflows/ci.yml', 'action.yml']);
    expect(input.resources.map((r) => `${r.type} ${r.id}`)).toEqual(['workflow ci.yml', 'job ci.yml#jobs.build', 'action ./']);
    const demo = JSON.parse((await runCli(['input', 'examples/demo/.github/workflows/ci.yml'], root)).stdout) as { unit: string; files: string[] };
    expect(demo).toMatchObject({ unit: 'examples/demo', files: ['examples/demo/.github/workflows/ci.yml'] });
  });
});
