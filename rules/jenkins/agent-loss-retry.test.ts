import { groovy } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './agent-loss-retry.js';

ruleTester().run(rule, {
  valid: [
    {
      name: 'kubernetes stage retried on agent loss',
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('build') {
              agent { kubernetes { yamlFile 'pod.yaml' } }
              options { retry(count: 2, conditions: [kubernetesAgent(), nonresumable()]) }
              steps { sh 'make' }
            }
          }
        }
      `,
    },
    {
      name: 'pipeline-level retry covers a pipeline-level pod',
      code: groovy`
        pipeline {
          agent { kubernetes { inheritFrom 'maven' } }
          options { retry(count: 2, conditions: [agent()]) }
          stages { stage('a') { steps { sh 'a' } } stage('b') { steps { sh 'b' } } }
        }
      `,
    },
    {
      name: 'static agents need no agent-loss retry',
      code: groovy`
        pipeline {
          agent { label 'linux' }
          stages { stage('a') { steps { sh 'a' } } }
        }
      `,
    },
    {
      name: 'scripted pod wrapped in retry with agent conditions',
      code: groovy`
        podTemplate(yaml: readTrusted('pod.yaml')) {
          retry(count: 2, conditions: [kubernetesAgent()]) {
            node(POD_LABEL) { sh 'make' }
          }
        }
      `,
    },
    {
      name: 'docker and dockerfile agents on static labels are not ephemeral by themselves',
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('build') {
              agent { docker { image 'maven:3' } }
              steps { sh 'mvn verify' }
            }
            stage('image') {
              agent { dockerfile { filename 'ci/Dockerfile'; label 'linux' } }
              steps { sh 'make' }
            }
          }
        }
      `,
    },
    {
      name: 'ephemeral patterns match whole words: nonspot is not spot',
      code: groovy`
        pipeline {
          agent { label 'linux-arm64-nonspot' }
          stages { stage('a') { steps { sh 'make' } } }
        }
      `,
    },
    {
      name: 'scripted: a helper that retries on agent loss around the pod',
      code: groovy`
        def inPod(Closure body) {
          retry(count: 2, conditions: [kubernetesAgent(), nonresumable()]) {
            podTemplate { node(POD_LABEL) { body() } }
          }
        }
        inPod { sh 'make' }
      `,
    },
  ],
  invalid: [
    {
      name: 'docker stage on a spot label without retry',
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('build') {
              agent { docker { image 'maven:3'; label 'linux-spot' } }
              options { retry(2) }
              steps { sh 'mvn verify' }
            }
          }
        }
      `,
      errors: [{ messageId: 'noRetry', data: { stage: 'build', kind: 'docker' }, line: 4, column: 5 }],
    },
    {
      name: 'scripted: a helper allocating a pod node, reported in the helper',
      code: groovy`
        def inPod(Closure body) {
          podTemplate(containers: [containerTemplate(name: 'jdk', image: 'eclipse-temurin:21')]) {
            node(POD_LABEL) { body() }
          }
        }
        inPod { sh './gradlew build' }
      `,
      errors: [{ messageId: 'noRetryScripted', line: 3, column: 5 }],
    },
    {
      name: 'scripted: a spot label passed to a helper',
      code: groovy`
        def onAgent(String label, Closure body) { node(label) { body() } }
        onAgent('ec2-spot-large') { sh 'make' }
      `,
      errors: [{ messageId: 'noRetryScripted', line: 1, column: 43 }],
    },
    {
      name: 'pipeline-level kubernetes agent reported once',
      code: groovy`
        pipeline {
          agent { kubernetes { yamlFile 'pod.yaml' } }
          stages { stage('a') { steps { sh 'a' } } stage('b') { steps { sh 'b' } } }
        }
      `,
      errors: [{ messageId: 'noRetryPipeline', data: { kind: 'kubernetes' }, line: 2, column: 3 }],
    },
    {
      name: 'nested stages on a parent stage pod: reported once, at the stage that declares the agent',
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('linux') {
              agent { kubernetes { yamlFile 'pod.yaml' } }
              stages {
                stage('build') { steps { sh 'make' } }
                stage('test') { steps { sh 'make test' } }
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'noRetry', data: { stage: 'linux', kind: 'kubernetes' }, line: 4 }],
    },
    {
      name: 'spot label by pattern',
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('test') {
              agent { label 'linux-spot' }
              steps { sh 'make test' }
            }
          }
        }
      `,
      errors: [{ messageId: 'noRetry', line: 4 }],
    },
    {
      name: 'scripted pod without retry',
      code: groovy`
        podTemplate(containers: [containerTemplate(name: 'jdk', image: 'eclipse-temurin:21')]) {
          node(POD_LABEL) {
            container('jdk') { sh './gradlew build' }
          }
        }
      `,
      errors: [{ messageId: 'noRetryScripted', line: 2, column: 3 }],
    },
    {
      name: 'custom ephemeral label patterns',
      options: [{ ephemeralLabels: ['gce-*'] }],
      code: groovy`
        retry(3) {
          node('gce-builder') { sh 'make' }
        }
      `,
      errors: [{ messageId: 'noRetryScripted', line: 2 }],
    },
  ],
});
