import { describe, expect, it } from 'vitest';
import { SourceFile, type ParsedFile } from '@nospof/core';
import { jenkinsLanguage, type JenkinsFile } from '@nospof/jenkins';
import { jenkinsFacts } from './facts.js';

function parsed(text: string): ParsedFile<JenkinsFile> {
  const source = new SourceFile('ci/Jenkinsfile', text);
  return { ...jenkinsLanguage.parse(source), source, language: 'jenkins' };
}

describe('jenkinsFacts', () => {
  it('reports scanners and alert channels as repository facts', () => {
    const file = parsed(
      [
        'pipeline {',
        '  agent any',
        '  stages { stage("scan") { steps {',
        "    withSonarQubeEnv('sonar') { sh 'mvn sonar:sonar' }",
        "    sh 'trivy fs --exit-code 1 .'",
        "    sh 'curl -X POST https://hooks.slack.com/services/T/B/X -d @msg.json'",
        '  } } }',
        '  post {',
        "    failure { mail to: 'a@example.com', subject: 'x', body: 'y' }",
        "    success { slackSend message: 'ok' }",
        '  }',
        '}',
      ].join('\n'),
    );
    const facts = jenkinsFacts(file);
    expect(facts.map((f) => [f.kind, f.name, f.onFailure ?? null, f.range.start.line])).toEqual([
      ['security-scanner', 'sonarqube', null, 4],
      ['security-scanner', 'sonarqube', null, 4],
      ['security-scanner', 'trivy', null, 5],
      ['notification-channel', 'slack', false, 6],
      ['notification-channel', 'email', true, 9],
      ['notification-channel', 'slack', false, 10],
    ]);
  });

  it('finds scanners run as plugin steps and as shell commands in scripted pipelines', () => {
    const file = parsed("node('linux') {\n  dependencyCheck additionalArguments: '--scan .', odcInstallation: 'dc'\n  sh '''\n    set -e\n    snyk test --all-projects\n  '''\n}\n");
    expect((jenkinsFacts(file)).map((f) => [f.name, f.range.start.line])).toEqual([
      ['dependency-check', 2],
      ['snyk', 3],
    ]);
  });

  it('counts an alert in a scripted catch block as a failure notification', () => {
    const file = parsed("node {\n  try { sh 'make' } catch (e) { slackSend message: 'failed'; throw e }\n}\n");
    expect(jenkinsFacts(file)).toMatchObject([{ name: 'slack', onFailure: true }]);
  });
});
