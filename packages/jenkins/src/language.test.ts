import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import type { ParsedFile } from '@nospof/core';
import { jenkinsLanguage } from './language.js';
import type { JenkinsFile } from './model/types.js';

function parsed(text: string): ParsedFile<JenkinsFile> {
  const source = new SourceFile('ci/Jenkinsfile', text);
  return { ...jenkinsLanguage.parse(source), source, language: 'jenkins' };
}

describe('jenkins language', () => {
  it('matches Jenkinsfile names and pipeline-looking groovy files', () => {
    expect(jenkinsLanguage.matches('Jenkinsfile', '')).toBe(true);
    expect(jenkinsLanguage.matches('ci/Jenkinsfile.release', '')).toBe(true);
    expect(jenkinsLanguage.matches('ci/nightly.jenkinsfile', '')).toBe(true);
    expect(jenkinsLanguage.matches('ci/Nightly.Jenkinsfile', '')).toBe(true);
    expect(jenkinsLanguage.matches('ci/deploy.groovy', '// deploy\npipeline {\n')).toBe(true);
    expect(jenkinsLanguage.matches('ci/deploy.groovy', "@Library('x') _\nnode('linux') {\n")).toBe(true);
    expect(jenkinsLanguage.matches('src/org/ci/Util.groovy', 'package org.ci\nclass Util {}\n')).toBe(false);
    expect(jenkinsLanguage.matches('build.gradle', 'plugins { }')).toBe(false);
    expect(jenkinsLanguage.matches('README.md', 'pipeline {')).toBe(false);
  });

  it('returns a model and errors for a broken file instead of throwing', () => {
    const result = parsed("pipeline {\n  agent any\n");
    expect(result.root?.type).toBe('JenkinsFile');
    expect(result.errors).toHaveLength(1);
  });

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
    const facts = jenkinsLanguage.facts?.(file) ?? [];
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
    expect((jenkinsLanguage.facts?.(file) ?? []).map((f) => [f.name, f.range.start.line])).toEqual([
      ['dependency-check', 2],
      ['snyk', 3],
    ]);
  });

  it('counts an alert in a scripted catch block as a failure notification', () => {
    const file = parsed("node {\n  try { sh 'make' } catch (e) { slackSend message: 'failed'; throw e }\n}\n");
    expect(jenkinsLanguage.facts?.(file)).toMatchObject([{ name: 'slack', onFailure: true }]);
  });

  it('scopes a suppression above a stage to the whole stage', () => {
    const file = parsed("pipeline {\n  agent any\n  stages {\n    stage('a') {\n      steps { sh 'x' }\n    }\n  }\n}\n");
    const scope = jenkinsLanguage.scopeAt?.(file, 4);
    expect(scope?.start.line).toBe(4);
    expect(scope?.end.line).toBe(6);
    expect(jenkinsLanguage.scopeAt?.(file, 7)).toBeUndefined();
  });
});
