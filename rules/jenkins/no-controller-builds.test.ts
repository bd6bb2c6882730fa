import { groovy } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './no-controller-builds.js';

ruleTester().run(rule, {
  valid: [
    {
      name: 'declarative agent on a label',
      code: groovy`
        pipeline {
          agent { label 'linux && docker' }
          stages { stage('b') { steps { sh 'make' } } }
        }
      `,
    },
    {
      name: 'negated controller label',
      code: groovy`
        node('linux && !built-in') {
          sh 'make'
        }
      `,
    },
    {
      name: 'label from a parameter is unknown',
      code: groovy`
        pipeline {
          agent { label "\${params.AGENT}" }
          stages { stage('b') { steps { sh 'make' } } }
        }
      `,
    },
    {
      name: 'node without a label is not judged',
      code: groovy`
        node {
          sh 'make'
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a controller label passed to a helper that allocates the node',
      code: groovy`
        def onAgent(String label, Closure body) {
          timeout(30) { node(label) { body() } }
        }
        onAgent('built-in') { sh 'make' }
      `,
      errors: [{ messageId: 'controller', data: { label: 'built-in' }, line: 4, column: 9 }],
    },
    {
      name: 'a controller label passed to a shared-library step of the scanned tree',
      code: groovy`
        buildOn('master') { sh 'make' }
      `,
      files: { 'vars/buildOn.groovy': "def call(String label, Closure body) {\n  node(label) { body() }\n}\n" },
      errors: [{ messageId: 'controller', data: { label: 'master' }, line: 1, column: 9 }],
    },
    {
      name: 'declarative agent label master',
      code: groovy`
        pipeline {
          agent { label 'master' }
          stages { stage('b') { steps { sh 'make' } } }
        }
      `,
      errors: [{ messageId: 'controller', data: { label: 'master' }, line: 2, column: 17, endLine: 2, endColumn: 25 }],
    },
    {
      name: 'stage agent node block on built-in',
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('b') {
              agent { node { label 'built-in'; customWorkspace '/tmp/ws' } }
              steps { sh 'make' }
            }
          }
        }
      `,
      errors: [{ messageId: 'controller', line: 5, column: 28 }],
    },
    {
      name: 'scripted node on the controller',
      code: groovy`
        node('master') {
          sh 'make'
        }
      `,
      errors: [{ messageId: 'controller', line: 1, column: 6 }],
    },
    {
      name: 'an alternative that includes the controller',
      code: groovy`
        timeout(30) {
          node(label: 'linux || built-in') { sh 'make' }
        }
      `,
      errors: [{ messageId: 'controller', data: { label: 'linux || built-in' }, line: 2, column: 15 }],
    },
  ],
});
