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
      name: 'scripted: a shared-library wrapper named for alerting may catch and alert itself: not judged',
      code: groovy`
        @Library('ci') _
        node('linux') {
          withSlackOnFailure {
            sh 'make'
          }
        }
      `,
    },
    {
      name: 'declarative: every stage runs inside a library wrapper named for alerting: not judged',
      code: groovy`
        @Library('ci') _
        pipeline {
          agent any
          stages {
            stage('b') {
              steps {
                notifyOnFailure(channel: '#ci') {
                  sh 'make'
                }
              }
            }
          }
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
      name: "the classic step([$class: 'Mailer']) in always",
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post { always { step([$class: 'Mailer', notifyEveryUnstableBuild: true, recipients: 'dev@example.com']) } }
        }
      `,
    },
    {
      name: 'mattermost, PagerDuty and the fully qualified Mailer class count',
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post {
            failure {
              mattermostSend color: 'danger', message: 'failed'
              pagerduty(routingKey: env.PD_KEY, incidentSummary: 'build failed')
            }
            unsuccessful { step([$class: 'hudson.tasks.Mailer', recipients: 'dev@example.com']) }
          }
        }
      `,
    },
    {
      name: 'a catch inside script {} alerts for the only stage',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('deploy') {
              steps {
                script {
                  try {
                    sh './deploy.sh'
                  } catch (err) {
                    slackSend channel: '#ops', message: "deploy failed: \${err}"
                    throw err
                  }
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'a local helper wraps the stage work in try/catch and alerts',
      code: groovy`
        def alertOnFailure(Closure body) {
          try {
            body()
          } catch (err) {
            emailext to: 'oncall@example.com', subject: 'failed', body: "\${err}"
            throw err
          }
        }
        pipeline {
          agent any
          stages {
            stage('build') { steps { script { alertOnFailure { sh 'make' } } } }
          }
        }
      `,
    },
    {
      name: 'scripted: a helper wraps every node in try/catch that alerts',
      code: groovy`
        def withAlerts(body) {
          try { body() } catch (e) { slackSend message: 'failed'; throw e }
        }
        withAlerts {
          node('linux') { sh 'make' }
          node('linux') { sh 'make test' }
        }
      `,
    },
    {
      name: 'scripted: a try/catch around every node, at top level',
      code: groovy`
        try {
          node('a') { sh 'make' }
          node('b') { sh 'make test' }
        } finally {
          mail to: 'dev@example.com', subject: "\${currentBuild.currentResult}", body: env.BUILD_URL
        }
      `,
    },
    {
      name: 'a shared-library step of the scanned tree that alerts is followed',
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post { failure { notifyTeam() } }
        }
      `,
      files: { 'vars/notifyTeam.groovy': "def call() {\n  slackSend channel: '#team', color: 'danger', message: env.BUILD_URL\n}\n" },
    },
    {
      name: 'a loaded script whose function alerts, called from a catch',
      code: groovy`
        node('linux') {
          def ci = load 'ci/common.groovy'
          try {
            sh 'make'
          } catch (err) {
            ci.alert("\${err}")
            throw err
          }
        }
      `,
      files: { 'ci/common.groovy': "def alert(String text) {\n  office365ConnectorSend webhookUrl: env.TEAMS_HOOK, message: text\n}\nreturn this\n" },
    },
    {
      name: 'a loaded script is judged through its caller, not on its own',
      filename: 'ci/steps.groovy',
      code: groovy`
        def build() {
          node('linux') { sh 'make' }
        }
        return this
      `,
      files: {
        Jenkinsfile: "def ci = load 'ci/steps.groovy'\ntry { ci.build() } catch (e) { mail to: 'a@example.com', subject: 'x', body: 'y'; throw e }\n",
      },
    },
    {
      name: 'a loaded script with top-level code is judged where it is loaded',
      filename: 'ci/build.groovy',
      code: groovy`
        node('linux') {
          sh 'make'
        }
      `,
      files: { Jenkinsfile: "try {\n  load 'ci/build.groovy'\n} catch (e) {\n  slackSend message: 'failed'\n  throw e\n}\n" },
    },
    {
      name: 'an alert beyond the depth nospof follows is unknown, not missing',
      code: [
        ...Array.from({ length: 12 }, (_, i) => `def hop${i}() { hop${i + 1}() }`),
        "def hop12() { slackSend message: 'failed' }",
        'pipeline {',
        '  agent any',
        "  stages { stage('b') { steps { sh 'make' } } }",
        '  post { failure { script { hop0() } } }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'an alert past the number of steps nospof follows is unknown, not missing',
      code: [
        `def collect() {\n${"  archiveArtifacts 'a'\n".repeat(200)}}`,
        'pipeline {',
        '  agent any',
        "  stages { stage('b') { steps { sh 'make' } } }",
        `  post { failure { script {\n${'    collect()\n'.repeat(150)}    slackSend message: 'failed'\n  } } }`,
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'strict: recipient providers built as arguments do not make the count unknown',
      options: [{ minChannels: 2 }],
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post {
            failure {
              emailext subject: 'failed', body: env.BUILD_URL, recipientProviders: [culprits(), requestor()]
              mattermostSend color: 'danger', message: 'failed'
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
      name: 'string and list methods in a failure block alert nobody',
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post {
            failure {
              script {
                def lines = (env.REPORT ?: '').readLines().findAll { it.startsWith('FAIL') }
                echo lines.join('\\n')
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', line: 4, column: 3 }],
    },
    {
      name: 'strict: a summary built with collection methods does not hide that only one channel alerts',
      options: [{ minChannels: 2 }],
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post {
            failure {
              script {
                def failed = ['unit', 'lint'].any { env.STAGES?.contains(it) }
                slackSend channel: '#builds', message: failed ? 'checks failed' : 'build failed'
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'tooFew', data: { count: 1, channels: 'slack' } }],
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
      errors: [{ messageId: 'someStagesSilent', data: { stage: '"build"' }, line: 4, column: 5 }],
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
      name: 'alerts only when the result changes: the first failure only',
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post {
            changed { slackSend message: "now \${currentBuild.currentResult}" }
          }
        }
      `,
      errors: [{ messageId: 'onlyOnChange', data: { conditions: 'changed' }, line: 4, column: 3 }],
    },
    {
      name: 'a shared-library step of the scanned tree that does not alert is followed too',
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post { failure { reportStatus() } }
        }
      `,
      files: { 'vars/reportStatus.groovy': "def call() {\n  echo \"status: ${currentBuild.currentResult}\"\n  archiveArtifacts 'logs/**'\n}\n" },
      errors: [{ messageId: 'missing', line: 4, column: 3 }],
    },
    {
      name: 'scripted: each node is judged on its own',
      code: groovy`
        node('linux') {
          try {
            sh 'make'
          } catch (e) {
            slackSend message: 'build failed'
            throw e
          }
        }
        node('deploy') {
          sh './deploy.sh'
        }
        node('linux') {
          sh './smoke-test.sh'
        }
      `,
      errors: [
        { messageId: 'missingScripted', line: 9, column: 1 },
        { messageId: 'missingScripted', line: 12, column: 1 },
      ],
    },
    {
      name: 'scripted: a node allocated in a helper is reported where it is written',
      code: groovy`
        def onAgent(String label, Closure body) {
          node(label) { body() }
        }
        onAgent('linux') { sh 'make' }
      `,
      errors: [{ messageId: 'missingScripted', line: 2, column: 3 }],
    },
    {
      name: 'strict: recipient providers do not hide that only one channel alerts',
      options: [{ minChannels: 2 }],
      code: groovy`
        pipeline {
          agent any
          stages { stage('b') { steps { sh 'make' } } }
          post { failure { emailext subject: 'failed', body: env.BUILD_URL, recipientProviders: [culprits()] } }
        }
      `,
      errors: [{ messageId: 'tooFew', data: { count: 1, channels: 'email', min: 2 }, line: 4, column: 3 }],
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
    {
      name: 'strict: nodes guarded by the same one-channel handler are one finding, on the first node',
      options: [{ minChannels: 2 }],
      code: groovy`
        try {
          node('linux') { sh 'make' }
          node('windows') { bat 'make' }
        } finally {
          mail to: 'dev@example.com', subject: 'build', body: 'see the log'
        }
      `,
      errors: [{ messageId: 'tooFew', data: { count: 1, channels: 'email', min: 2 }, line: 2, column: 3 }],
    },
    {
      name: 'strict: nodes with handlers of their own are judged one by one',
      options: [{ minChannels: 2 }],
      code: groovy`
        node('linux') {
          try { sh 'make' } catch (e) { mail to: 'dev@example.com', subject: 'linux', body: 'failed'; throw e }
        }
        node('windows') {
          try { bat 'make' } catch (e) { mail to: 'dev@example.com', subject: 'windows', body: 'failed'; throw e }
        }
      `,
      errors: [
        { messageId: 'tooFew', data: { count: 1, channels: 'email' }, line: 1, column: 1 },
        { messageId: 'tooFew', data: { count: 1, channels: 'email' }, line: 4, column: 1 },
      ],
    },
  ],
});
