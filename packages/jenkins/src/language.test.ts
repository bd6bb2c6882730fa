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

  it('claims extension-less pipelines kept under a Jenkinsfile.d or jenkinsfiles folder by their first bytes', () => {
    expect(jenkinsLanguage.matches('Jenkinsfile.d/core/release', '// -*- Groovy -*-\npipeline {\n')).toBe(true);
    expect(jenkinsLanguage.matches('ci/jenkinsfiles/nightly', "node('linux') {\n")).toBe(true);
    expect(jenkinsLanguage.needsHead?.('Jenkinsfile.d/weekly')).toBe(true);
    expect(jenkinsLanguage.matches('Jenkinsfile.d/README', 'The release pipelines of this repository.\n')).toBe(false);
    expect(jenkinsLanguage.matches('Jenkinsfile.d/values.yaml', 'pipeline: {}\n')).toBe(false);
    expect(jenkinsLanguage.matches('tools/release', 'pipeline {\n')).toBe(false);
  });

  it('reads a sniffed extension-less file that runs no pipeline as not applicable', () => {
    const source = new SourceFile('Jenkinsfile.d/helpers', 'def greet() { echo "hi" }\n');
    expect(jenkinsLanguage.parse(source).notApplicable).toBe(true);
  });

  it('returns a model and errors for a broken file instead of throwing', () => {
    const result = parsed("pipeline {\n  agent any\n");
    expect(result.root?.type).toBe('JenkinsFile');
    expect(result.errors).toHaveLength(1);
  });

  it('scopes a suppression above a stage to the whole stage', () => {
    const file = parsed("pipeline {\n  agent any\n  stages {\n    stage('a') {\n      steps { sh 'x' }\n    }\n  }\n}\n");
    const scope = jenkinsLanguage.scopeAt?.(file, 4);
    expect(scope?.start.line).toBe(4);
    expect(scope?.end.line).toBe(6);
    expect(jenkinsLanguage.scopeAt?.(file, 7)).toBeUndefined();
  });
});
