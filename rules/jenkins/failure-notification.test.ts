import { groovy } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './failure-notification.js';

ruleTester().run(rule, {
  valid: [
    {
      name: 'mail on failure',
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post {
            failure { mail to: 'team@example.com', subject: 'Build failed', body: env.BUILD_URL }
          }
        }
      `,
    },
    {
      name: 'slack in always, through a local helper function',
      code: groovy`
        def alert(String text) {
          slackSend channel: '#ci', message: text
        }
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post { always { script { alert("\${currentBuild.currentResult}") } } }
        }
      `,
    },
    {
      name: 'a shared-library step in post failure may alert: not judged',
      code: groovy`
        @Library('ci') _
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post { failure { notifyTeam() } }
        }
      `,
    },
    {
      name: 'scripted alert in catch',
      code: groovy`
        node('linux') {
          try {
            sh 'make'
          } catch (err) {
            office365ConnectorSend webhookUrl: env.TEAMS_HOOK, message: 'failed'
            throw err
          }
        }
      `,
    },
    {
      name: 'webhook curl in unsuccessful',
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post { unsuccessful { sh 'curl -fsS -X POST -d @alert.json https://hooks.slack.com/services/T0/B0/X' } }
        }
      `,
    },
    {
      name: 'strict: two channels',
      options: [{ minChannels: 2 }],
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post {
            failure {
              slackSend message: 'failed'
              emailext to: 'oncall@example.com', subject: 'failed', body: 'see log'
            }
          }
        }
      `,
    },
    {
      name: 'every stage alerts on its own failure',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('build') {
              steps { sh 'make' }
              post { failure { slackSend message: 'build failed' } }
            }
            stage('release') {
              stages {
                stage('publish') { steps { sh 'make publish' } }
              }
              post { unsuccessful { mail to: 'rel@example.com', subject: 'release failed', body: 'see log' } }
            }
          }
        }
      `,
    },
    {
      name: 'a library-only Jenkinsfile is not judged',
      code: groovy`
        buildPlugin()
      `,
    },
  ],
  invalid: [
    {
      name: 'declarative without post',
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
        }
      `,
      errors: [{ messageId: 'missing', line: 1, column: 1 }],
    },
    {
      name: 'alert only on success and fixed',
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post {
            fixed { slackSend message: 'back to green' }
            failure { echo 'failed'; archiveArtifacts 'logs/**' }
          }
        }
      `,
      errors: [{ messageId: 'missing', line: 4, column: 3 }],
    },
    {
      name: 'a stage-level alert does not cover the other stages',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('build') { steps { sh 'make' } }
            stage('deploy') {
              steps { sh './deploy.sh' }
              post { failure { slackSend message: 'deploy failed' } }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', line: 1 }],
    },
    {
      name: 'scripted pipeline without catch',
      code: groovy`
        node('linux') {
          stage('build') { sh 'make' }
        }
      `,
      errors: [{ messageId: 'missingScripted', line: 1, column: 1 }],
    },
    {
      name: 'scripted catch that only rethrows',
      code: groovy`
        node('linux') {
          try {
            sh 'make'
          } catch (err) {
            currentBuild.result = 'FAILURE'
            echo "failed: \${err}"
            throw err
          }
        }
      `,
      errors: [{ messageId: 'missingScripted', line: 1 }],
    },
    {
      name: 'strict: one channel is not enough',
      options: [{ minChannels: 2 }],
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post { failure { slackSend message: 'failed'; slackSend channel: '#oncall', message: 'failed' } }
        }
      `,
      errors: [{ messageId: 'tooFew', data: { count: 1, channels: 'slack', min: 2 }, line: 4, column: 3 }],
    },
  ],
});
