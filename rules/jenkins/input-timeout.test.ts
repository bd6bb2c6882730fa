import { groovy } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './input-timeout.js';

ruleTester().run(rule, {
  valid: [
    {
      name: 'a closure passed inside the parentheses runs where the helper calls it, under its timeout',
      code: groovy`
        def agentTemplate(image, body) {
          podTemplate(yaml: '') {
            node(POD_LABEL) {
              timeout(time: 1, unit: 'HOURS') {
                body.call()
              }
            }
          }
        }
        stage('Production') {
          agentTemplate('hashicorp-tools', {
            input message: 'Should we apply these changes to production?'
          })
        }
      `,
    },
    {
      name: 'an input in a helper called inside a timeout',
      code: groovy`
        def approve(String what) {
          input message: "Release \${what}?"
        }
        node('linux') {
          timeout(time: 4, unit: 'HOURS') { approve('1.2') }
        }
      `,
    },
    {
      name: 'an input inside a helper that wraps its block in timeout',
      code: groovy`
        def bounded(Closure body) { timeout(time: 1, unit: 'DAYS') { body() } }
        pipeline {
          agent none
          stages {
            stage('approve') { steps { script { bounded { input 'Ship it?' } } } }
          }
        }
      `,
    },
    {
      name: 'a matrix input bounded by the matrix options',
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('cells') {
              matrix {
                axes { axis { name 'OS'; values 'linux', 'mac' } }
                options { timeout(time: 1, unit: 'HOURS') }
                input { message 'Run this cell?' }
                stages { stage('run') { steps { sh 'make' } } }
              }
            }
          }
        }
      `,
    },
    {
      name: 'an input in a helper nobody calls is not judged',
      code: groovy`
        def unused() { input 'never asked' }
        node('linux') { sh 'make' }
      `,
    },
    {
      name: 'scripted input inside timeout',
      code: groovy`
        node('linux') {
          timeout(time: 1, unit: 'DAYS') {
            input message: 'Deploy?'
          }
        }
      `,
    },
    {
      name: 'declarative input step in a stage with an options timeout',
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('approve') {
              options { timeout(time: 4, unit: 'HOURS') }
              steps { input 'Ship it?' }
            }
          }
        }
      `,
    },
    {
      name: 'stage input directive covered by the pipeline timeout',
      code: groovy`
        pipeline {
          agent none
          options { timeout(time: 1, unit: 'DAYS') }
          stages {
            stage('approve') {
              input { message 'Ship it?' }
              steps { echo 'approved' }
            }
          }
        }
      `,
    },
    {
      name: 'input in a helper function: the call site is not known',
      code: groovy`
        def approve() {
          input 'Ship it?'
        }
        timeout(60) { approve() }
      `,
    },
    {
      name: 'input inside script inside timeout',
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('approve') {
              steps {
                timeout(120) {
                  script {
                    def answer = input message: 'Ship?', parameters: [string(name: 'TICKET')]
                    echo answer
                  }
                }
              }
            }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'an input in a helper called without a timeout is reported in the helper',
      code: groovy`
        def approve() {
          input message: 'Deploy to production?'
        }
        node('linux') {
          stage('deploy') { approve() }
        }
      `,
      errors: [{ messageId: 'unbounded', line: 2, column: 3 }],
    },
    {
      name: 'an input written directly in matrix {} is judged',
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('cells') {
              matrix {
                axes { axis { name 'OS'; values 'linux', 'mac' } }
                input { message 'Run this cell?' }
                stages { stage('run') { steps { sh 'make' } } }
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'unboundedDirective', line: 7, column: 9 }],
    },
    {
      name: 'an input in a shared-library step of the scanned tree lands in the library',
      code: groovy`
        node('linux') { approveRelease() }
      `,
      files: { 'vars/approveRelease.groovy': "def call() {\n  input message: 'Release?', ok: 'Ship'\n}\n" },
      errors: [{ messageId: 'unbounded', file: 'vars/approveRelease.groovy', line: 2, column: 3 }],
    },
    {
      name: 'scripted input without timeout',
      code: groovy`
        node('linux') {
          stage('approve') {
            input message: 'Deploy?', ok: 'Deploy'
          }
        }
      `,
      errors: [{ messageId: 'unbounded', line: 3, column: 5, endColumn: 10 }],
    },
    {
      name: 'declarative input step without any timeout',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('approve') {
              steps {
                script {
                  def ok = input(message: 'Ship?')
                }
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'unbounded', line: 7, column: 20 }],
    },
    {
      name: 'stage input directive without timeout',
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('approve') {
              input {
                message 'Ship it?'
              }
              steps { echo 'approved' }
            }
          }
        }
      `,
      errors: [{ messageId: 'unboundedDirective', line: 5, column: 7 }],
    },
    {
      name: 'a timeout around another stage does not count',
      code: groovy`
        timeout(10) {
          node { sh 'make' }
        }
        input 'Release?'
      `,
      errors: [{ messageId: 'unbounded', line: 4, column: 1 }],
    },
  ],
});
