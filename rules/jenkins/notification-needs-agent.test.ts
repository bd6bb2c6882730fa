import { groovy } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './notification-needs-agent.js';

ruleTester().run(rule, {
  valid: [
    {
      name: 'alert directly in post failure',
      code: groovy`
        pipeline {
          agent { label 'linux' }
          stages { stage('b') { steps { sh 'make' } } }
          post { failure { slackSend message: 'failed' } }
        }
      `,
    },
    {
      name: 'scripted catch inside the node the build already holds',
      code: groovy`
        node('linux') {
          try {
            sh 'make'
          } catch (err) {
            mail to: 'team@example.com', subject: 'failed', body: "\${err}"
            throw err
          }
        }
      `,
    },
    {
      name: 'a node in post that only archives',
      code: groovy`
        pipeline {
          agent none
          stages { stage('b') { agent { label 'linux' } steps { sh 'make' } } }
          post {
            always { node('linux') { cleanWs() } }
            failure { slackSend message: 'failed' }
          }
        }
      `,
    },
    {
      name: 'node without a label in the handler is not judged',
      code: groovy`
        try {
          node('linux') { sh 'make' }
        } catch (err) {
          node { mail to: 'a@example.com', subject: 'x', body: 'y' }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a helper called from a catch block allocates a node to alert',
      code: groovy`
        def notifyFailure(String text) {
          node('linux') {
            slackSend channel: '#ci', message: text
          }
        }
        timeout(60) {
          try {
            node('build') { sh 'make' }
          } catch (err) {
            notifyFailure("\${err}")
            throw err
          }
        }
      `,
      errors: [{ messageId: 'needsAgent', data: { step: 'slackSend', label: "'linux'" }, line: 3, column: 5 }],
    },
    {
      name: 'a shared-library step called from post allocates a node to alert',
      code: groovy`
        pipeline {
          agent { label 'linux' }
          stages { stage('b') { steps { sh 'make' } } }
          post { failure { alertOps('ops') } }
        }
      `,
      files: { 'vars/alertOps.groovy': "def call(String label) {\n  node(label) {\n    mail to: 'ops@example.com', subject: 'failed', body: env.BUILD_URL\n  }\n}\n" },
      errors: [{ messageId: 'needsAgent', data: { step: 'mail', label: "'ops'" }, file: 'vars/alertOps.groovy', line: 3, column: 5 }],
    },
    {
      name: 'declarative post allocates a node to alert',
      code: groovy`
        pipeline {
          agent none
          stages { stage('b') { agent { label 'linux' } steps { sh 'make' } } }
          post {
            failure {
              node('linux') {
                emailext to: 'team@example.com', subject: 'failed', body: 'see log'
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'needsAgent', data: { step: 'emailext', label: "'linux'" }, line: 7, column: 9 }],
    },
    {
      name: 'scripted catch allocates a node to alert',
      code: groovy`
        try {
          node('build') { sh 'make' }
        } catch (err) {
          node('build') {
            slackSend channel: '#ci', message: 'failed'
          }
          throw err
        }
      `,
      errors: [{ messageId: 'needsAgent', data: { step: 'slackSend' }, line: 5, column: 5 }],
    },
    {
      name: 'a curl webhook inside node in post',
      code: groovy`
        pipeline {
          agent none
          stages { stage('b') { agent { label 'linux' } steps { sh 'make' } } }
          post {
            unsuccessful {
              node(params.NOTIFY_LABEL) { sh 'curl -X POST https://hooks.slack.com/services/A/B/C -d @m.json' }
            }
          }
        }
      `,
      errors: [{ messageId: 'needsAgent', data: { label: '...' }, line: 6, column: 35 }],
    },
  ],
});
