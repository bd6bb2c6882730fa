import { SourceFile, toPolicyInput, type ParsedFile, type PolicyUnit } from '@nospof/core';
import { fuzzRuns } from '@nospof/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jenkinsLanguage } from '../language.js';
import type { JenkinsFile } from '../model/types.js';
import { buildJenkinsIndex } from '../project/jenkins-index.js';

function policyUnit(files: Record<string, string>, id = 'run'): PolicyUnit {
  const parsed: ParsedFile<JenkinsFile>[] = Object.entries(files).map(([path, text]) => {
    const source = new SourceFile(path, text);
    return { ...jenkinsLanguage.parse(source), source, language: 'jenkins' };
  });
  if (!jenkinsLanguage.policyUnit) throw new Error('jenkins builds policy units');
  return jenkinsLanguage.policyUnit({ id, files: Object.keys(files) }, parsed, buildJenkinsIndex(parsed), {});
}

const jenkinsfile = `pipeline {
  agent { label 'linux' }
  options {
    timeout(time: 1, unit: 'HOURS')
    retry(2)
    disableConcurrentBuilds()
  }
  environment {
    REGION = 'eu-west-1'
    TAG = "\${env.BUILD_ID}"
  }
  stages {
    stage('Build') {
      steps {
        sh 'make build'
      }
    }
    stage('Test') {
      failFast true
      parallel {
        stage('Unit') {
          agent { docker { image 'node:20'; label 'docker' } }
          steps { sh 'npm test' }
        }
        stage('Integration') {
          steps {
            timeout(time: 10, unit: 'MINUTES') {
              sh "make it TARGET=\${REGION}"
            }
          }
        }
      }
    }
    stage('Deploy') {
      when { branch 'main' }
      input { message 'Ship it?' }
      steps {
        withCredentials([usernamePassword(credentialsId: 'deploy', usernameVariable: 'U', passwordVariable: 'P')]) {
          sh './deploy.sh'
        }
      }
      post {
        failure { slackSend channel: '#ops', message: 'deploy failed' }
      }
    }
  }
  post {
    always { junit 'reports/**/*.xml' }
    failure { mail to: 'team@example.com', subject: 'failed' }
  }
}
`;

describe('jenkins policy unit', () => {
  const unit = policyUnit({ Jenkinsfile: jenkinsfile });
  const resource = (id: string) => {
    const found = unit.resources.find((r) => r.id === id);
    if (!found) throw new Error(`no resource ${id} in ${unit.resources.map((r) => r.id).join(', ')}`);
    return found;
  };

  it('has a pipeline resource and one resource per stage, ids as findings use them', () => {
    expect(unit.files).toEqual(['Jenkinsfile']);
    expect(unit.resources.map((r) => [r.id, r.type, r.name])).toEqual([
      ['pipeline', 'pipeline', 'pipeline'],
      ['stage:Build', 'stage', 'Build'],
      ['stage:Test', 'stage', 'Test'],
      ['stage:Test/Unit', 'stage', 'Unit'],
      ['stage:Test/Integration', 'stage', 'Integration'],
      ['stage:Deploy', 'stage', 'Deploy'],
    ]);
    expect(resource('stage:Deploy').range.start).toMatchObject({ line: 34, column: 5 });
  });

  it('gives the pipeline its agent, options, environment, stages and post', () => {
    expect(resource('pipeline').attributes).toEqual({
      agent: { kind: 'label', label: 'linux' },
      options: { timeout: { time: 1, unit: 'HOURS' }, retry: 2, disableConcurrentBuilds: true },
      environment: { REGION: 'eu-west-1', TAG: { $unknown: 'interpolated string' } },
      stages: ['Build', 'Test', 'Deploy'],
      post: {
        always: [{ name: 'junit', args: ['reports/**/*.xml'] }],
        failure: [{ name: 'mail', args: [], named: { to: 'team@example.com', subject: 'failed' } }],
      },
    });
  });

  it('gives stages their parallel branches, the agent they run on, when, input, steps and post', () => {
    expect(resource('stage:Test').attributes).toMatchObject({ parallel: ['Unit', 'Integration'], failFast: true, agent: { kind: 'label', label: 'linux' } });
    expect(resource('stage:Test/Unit').attributes.agent).toEqual({ kind: 'docker', image: 'node:20', label: 'docker' });
    expect(resource('stage:Test/Integration').attributes.steps).toEqual([
      { name: 'timeout', args: [], named: { time: 10, unit: 'MINUTES' }, steps: [{ name: 'sh', args: [{ $unknown: 'interpolated string "make it TARGET=${REGION}"' }] }] },
    ]);
    expect(resource('stage:Deploy').attributes).toMatchObject({
      when: [{ name: 'branch', args: ['main'] }],
      input: { message: 'Ship it?' },
      steps: [
        {
          name: 'withCredentials',
          args: [[{ name: 'usernamePassword', args: [], named: { credentialsId: 'deploy', usernameVariable: 'U', passwordVariable: 'P' } }]],
          steps: [{ name: 'sh', args: ['./deploy.sh'] }],
        },
      ],
      post: { failure: [{ name: 'slackSend', args: [], named: { channel: '#ops', message: 'deploy failed' } }] },
    });
  });

  it('locates values on the exact line and column, an inherited agent at the pipeline with the stage as trail', () => {
    const pipeline = resource('pipeline');
    expect(pipeline.locate(['options', 'timeout', 'unit'])?.range.start).toMatchObject({ line: 4, column: 28 });
    expect(pipeline.locate(['options', 'retry'])?.range.start).toMatchObject({ line: 5, column: 11 });
    expect(pipeline.locate(['environment', 'REGION'])?.range.start).toMatchObject({ line: 9, column: 14 });
    expect(pipeline.locate(['post', 'failure', 0, 'named', 'to'])?.range.start).toMatchObject({ line: 49, column: 24 });
    const deploy = resource('stage:Deploy');
    const label = deploy.locate(['agent', 'label']);
    expect(label?.range.start).toMatchObject({ line: 2, column: 17 });
    expect(label?.trail?.[0]).toMatchObject({ file: 'Jenkinsfile', range: { start: { line: 34 } } });
    expect(resource('stage:Test/Unit').locate(['agent', 'image'])?.range.start).toMatchObject({ line: 22, column: 34 });
    expect(resource('stage:Test/Unit').locate(['agent', 'image'])?.trail).toBeUndefined();
    expect(deploy.locate(['steps', 0, 'steps', 0, 'args', 0])?.range.start).toMatchObject({ line: 39, column: 14 });
    expect(deploy.locate(['when', 0])?.range.start).toMatchObject({ line: 35, column: 14 });
    expect(resource('stage:Test').locate(['parallel', 1])?.range.start).toMatchObject({ line: 25, column: 9 });
    expect(deploy.locate(['options'])).toBeUndefined();
  });

  it('reads a scripted pipeline as its steps and stages', () => {
    const scripted = policyUnit({ Jenkinsfile: "node('linux') {\n  stage('Build') {\n    sh 'make'\n  }\n}\n" });
    expect(scripted.resources.map((r) => r.id)).toEqual(['pipeline', 'stage:Build']);
    expect(scripted.resources[0]?.attributes).toEqual({ style: 'scripted', steps: [{ name: 'node', args: ['linux'], steps: [{ name: 'stage', args: ['Build'], steps: [{ name: 'sh', args: ['make'] }] }] }] });
    expect(scripted.resources[1]?.attributes).toEqual({ steps: [{ name: 'sh', args: ['make'] }] });
  });

  it("keeps the unit's own pipeline ids plain and prefixes a pipeline file it loads", () => {
    const unit = policyUnit(
      {
        Jenkinsfile: "node {\n  stage('A') { load 'ci/common.groovy' }\n}\n",
        'ci/common.groovy': "node('linux') {\n  stage('B') { sh 'make' }\n}\n",
      },
      'Jenkinsfile',
    );
    expect(unit.unit).toBe('Jenkinsfile');
    expect(unit.resources.map((r) => r.id)).toEqual(['pipeline', 'stage:A', 'ci/common.groovy#pipeline', 'ci/common.groovy#stage:B']);
  });

  it('prefixes ids with the file when a hand-built unit holds several pipelines, and leaves library steps out', () => {
    const two = policyUnit({
      'ci/Jenkinsfile': "pipeline { agent any\n stages { stage('A') { steps { notify() } } } }\n",
      'release/Jenkinsfile': "pipeline { agent any\n stages { stage('A') { steps { sh 'x' } } } }\n",
      'vars/notify.groovy': "def call() { mail to: 'x' }\n",
    });
    expect(two.resources.map((r) => r.id)).toEqual(['ci/Jenkinsfile#pipeline', 'ci/Jenkinsfile#stage:A', 'release/Jenkinsfile#pipeline', 'release/Jenkinsfile#stage:A']);
    expect(two.files[0]).toBe('ci/Jenkinsfile');
  });

  it('never throws and stays JSON on random input', () => {
    const tokens = fc.constantFrom('pipeline', 'stage', 'stages', 'steps', 'parallel', 'matrix', 'axes', 'axis', 'agent', 'post', 'when', 'options', '{', '}', '(', ')', "'x'", '"${y}"', 'sh', 'node', 'label', ':', ',', '[', ']', 'timeout(time: 1)', '\n');
    fc.assert(
      fc.property(fc.array(tokens, { maxLength: 80 }), (words) => {
        const u = policyUnit({ Jenkinsfile: words.join(' ') });
        const input = toPolicyInput(u);
        expect(JSON.parse(JSON.stringify(input))).toEqual(input);
        for (const r of u.resources) r.locate(['steps', 0, 'args', 0]);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});
