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
  ],
  invalid: [
    {
      name: 'docker stage without retry',
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('build') {
              agent { docker { image 'maven:3' } }
              options { retry(2) }
              steps { sh 'mvn verify' }
            }
          }
        }
      `,
      errors: [{ messageId: 'noRetry', data: { stage: 'build', kind: 'docker' }, line: 4, column: 5 }],
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
