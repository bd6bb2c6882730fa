import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Linter } from '@nospof/core';
import { jenkinsLanguage } from '@nospof/jenkins';
import { jenkinsRules } from './index.js';

const fragments = [
  'pipeline {', 'agent ', 'any', "{ label 'master' }", "{ kubernetes { yaml 'x' } }", 'options {', 'timeout(5)', 'retry(conditions: [agent()])',
  'stages {', "stage('Deploy') {", 'steps {', "sh 'kubectl apply -f x'", 'post {', 'failure {', "slackSend message: 'x'",
  "mail to: 'a'", "node('gpu') {", 'node(POD_LABEL) {', 'podTemplate {', "input 'ok?'", 'lock(\'x\') {', 'try {', '} catch (e) {',
  'finally {', 'def f() {', 'f()', 'parallel a: {', ', b: {', 'matrix {', 'axes { axis { name \'A\'; values \'x\' } }', 'script {',
  '}', '}', '}', '\n', ' ', '(', ')', '"${', "'", 'properties([disableConcurrentBuilds()])', 'input {', 'message \'x\'',
];

const settings = { jenkins: { agentPools: { gpu: 1, linux: 4 } } };

describe('jenkins rules on arbitrary input', () => {
  it('never crash, whatever the parser recovered', () => {
    const linter = new Linter([jenkinsLanguage], jenkinsRules);
    const config = {
      rules: new Map(jenkinsRules.map((r) => [r.meta.id, { severity: r.meta.severity, options: r.meta.defaultOptions as readonly unknown[] }])),
      disabled: new Set<string>(),
      settings,
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 80 }), (parts) => {
        const run = linter.lint({ files: [{ path: 'Jenkinsfile', text: parts.join('') }], configFor: () => config });
        const crashes = run.results.flatMap((r) => r.findings).filter((f) => f.ruleId === 'nospof/internal-error');
        expect(crashes.map((f) => f.message)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
