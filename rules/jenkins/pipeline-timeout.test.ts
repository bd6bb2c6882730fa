import { groovy } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './pipeline-timeout.js';

ruleTester().run(rule, {
  valid: [
    {
      name: 'timeout in pipeline options',
      code: groovy`
        pipeline {
          agent any
          options { timeout(time: 1, unit: 'HOURS') }
          stages { stage('b') { steps { sh 'make' } } }
        }
      `,
    },
    {
      name: 'every stage has its own timeout',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('build') {
              options { timeout(time: 20, unit: 'MINUTES') }
              steps { sh 'make' }
            }
            stage('test') {
              steps {
                timeout(time: 30, unit: 'MINUTES') { sh 'make test' }
              }
            }
            stage('checks') {
              parallel {
                stage('a') { options { timeout(5) } steps { sh 'a' } }
                stage('b') { options { timeout(5) } steps { sh 'b' } }
              }
            }
          }
        }
      `,
    },
    {
      name: 'scripted node wrapped in timeout',
      code: groovy`
        timeout(time: 2, unit: 'HOURS') {
          node('linux') {
            stage('build') { sh 'make' }
          }
        }
      `,
    },
    {
      name: 'scripted stages wrapped in timeout inside the node',
      code: groovy`
        node('linux') {
          stage('build') {
            timeout(20) { sh 'make' }
          }
          timeout(30) {
            stage('test') { sh 'make test' }
          }
        }
      `,
    },
    {
      name: 'a file that only calls a shared library is not judged',
      code: groovy`
        @Library('ci') _
        buildPlugin(platforms: ['linux'])
      `,
    },
    {
      name: 'nodes in stored closures are not judged',
      code: groovy`
        def branches = [a: { node('linux') { sh 'a' } }]
        parallel branches
      `,
    },
  ],
  invalid: [
    {
      name: 'declarative without any timeout gets an options block',
      code: groovy`
        pipeline {
            agent any
            stages {
                stage('b') { steps { sh 'make' } }
            }
        }
      `,
      output: groovy`
        pipeline {
            agent any
            options {
                timeout(time: 60, unit: 'MINUTES')
            }
            stages {
                stage('b') { steps { sh 'make' } }
            }
        }
      `,
      errors: [{ messageId: 'missing', line: 1, column: 1, endColumn: 9 }],
    },
    {
      name: 'one stage without a timeout, existing options get the entry',
      code: groovy`
        pipeline {
          agent any
          options {
            timestamps()
          }
          stages {
            stage('a') { options { timeout(5) } steps { sh 'a' } }
            stage('b') { steps { sh 'b' } }
          }
        }
      `,
      output: groovy`
        pipeline {
          agent any
          options {
            timeout(time: 60, unit: 'MINUTES')
            timestamps()
          }
          stages {
            stage('a') { options { timeout(5) } steps { sh 'a' } }
            stage('b') { steps { sh 'b' } }
          }
        }
      `,
      errors: [{ messageId: 'missing', line: 1 }],
    },
    {
      name: 'strict: stage timeouts do not cover waiting for an agent',
      options: [{ topLevelOnly: true }],
      code: groovy`
        pipeline {
          agent { label 'linux' }
          options { timestamps() }
          stages {
            stage('a') { options { timeout(5) } steps { sh 'a' } }
          }
        }
      `,
      output: null,
      errors: [{ messageId: 'missing', line: 1 }],
    },
    {
      name: 'scripted node without timeout',
      code: groovy`
        node('linux') {
          stage('build') { sh 'make' }
          stage('test') { sh 'make test' }
        }
      `,
      errors: [{ messageId: 'missingScripted', line: 1, column: 1, endColumn: 5 }],
    },
    {
      name: 'strict: a timeout inside the node does not cover waiting for it',
      options: [{ topLevelOnly: true }],
      code: groovy`
        node('linux') {
          timeout(30) {
            stage('build') { sh 'make' }
          }
        }
      `,
      errors: [{ messageId: 'missingScripted', line: 1 }],
    },
  ],
});
