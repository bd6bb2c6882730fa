import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Linter } from '@nospof/core';
import { jenkinsLanguage } from '@nospof/jenkins';
import { jenkinsRules } from './index.js';
import { fuzzRuns } from '@nospof/core/testing';


const fragments = [
  'pipeline {', 'agent ', 'any', "{ label 'master' }", "{ kubernetes { yaml 'x' } }", 'options {', 'timeout(5)', 'retry(conditions: [agent()])',
  'stages {', "stage('Deploy') {", 'steps {', "sh 'kubectl apply -f x'", 'post {', 'failure {', "slackSend message: 'x'",
  "mail to: 'a'", "node('gpu') {", 'node(POD_LABEL) {', 'podTemplate {', "input 'ok?'", 'lock(\'x\') {', 'try {', '} catch (e) {',
  'finally {', 'def f() {', 'f()', 'parallel a: {', ', b: {', 'matrix {', 'axes { axis { name \'A\'; values \'x\' } }', 'script {',
  '}', '}', '}', '\n', ' ', '(', ')', '"${', "'", 'properties([disableConcurrentBuilds()])', 'input {', 'message \'x\'',
  // helpers, stored closures, loads and library steps, so the runs that follow them meet broken code too
  'def g(label, body) {', 'body()', 'body.call()', 'g(\'x\') {', 'def u = load \'ci/u.groovy\'', 'u.h()', "load 'ci/u.groovy'",
  'b[k] = {', 'parallel b', 'def c = {', 'c()', 'lib(\'master\') {', 'lib.notify()', "step([$class: 'Mailer'])", 'return this',
];

/** Files the fragments may call into: a loaded script and a shared-library step, built from fragments too. */
const companions = ['ci/u.groovy', 'vars/lib.groovy'];

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
      fc.property(fc.array(fc.array(fc.constantFrom(...fragments), { maxLength: 80 }), { minLength: 1, maxLength: 3 }), (texts) => {
        const files = texts.map((parts, i) => ({ path: i === 0 ? 'Jenkinsfile' : (companions[i - 1] as string), text: parts.join('') }));
        const run = linter.lint({ files, configFor: () => config });
        const crashes = run.results.flatMap((r) => r.findings).filter((f) => f.ruleId === 'nospof/internal-error');
        expect(crashes.map((f) => f.message)).toEqual([]);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
