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
      name: 'a timeout nested in container, dir, withEnv and timestamps covers the stage',
      code: groovy`
        pipeline {
          agent { kubernetes { yaml 'pod.yaml' } }
          stages {
            stage('build') {
              steps {
                container('maven') {
                  timeout(time: 20, unit: 'MINUTES') { sh 'mvn verify' }
                }
              }
            }
            stage('docs') {
              steps {
                timestamps {
                  dir('docs') {
                    withEnv(['LANG=C']) {
                      timeout(10) { sh 'make html' }
                    }
                  }
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'credentials built as arguments of the wrapper are not work outside the timeout',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('publish') {
              steps {
                withCredentials([usernamePassword(credentialsId: 'repo', usernameVariable: 'U', passwordVariable: 'P')]) {
                  timeout(time: 10, unit: 'MINUTES') { sh './publish.sh' }
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'a local helper that wraps its block in timeout covers the stage',
      code: groovy`
        def bounded(int minutes, Closure body) {
          timeout(time: minutes, unit: 'MINUTES') { body() }
        }
        pipeline {
          agent any
          stages {
            stage('test') { steps { script { bounded(30) { sh 'make test' } } } }
          }
        }
      `,
    },
    {
      name: 'scripted: a helper that allocates the node inside a timeout',
      code: groovy`
        def onAgent(String label, Closure body) {
          timeout(time: 1, unit: 'HOURS') {
            node(label) { body() }
          }
        }
        onAgent('linux') { sh 'make' }
        onAgent('windows') { bat 'build.cmd' }
      `,
    },
    {
      name: 'scripted: a helper that wraps the caller node in a timeout',
      code: groovy`
        def withTimeout(body) { timeout(60) { body() } }
        withTimeout {
          node('linux') { sh 'make' }
        }
      `,
    },
    {
      name: 'scripted: branches stored in a map run inside the timeout around parallel',
      code: groovy`
        def branches = [:]
        for (p in ['linux', 'mac']) {
          def platform = p
          branches[platform] = { node(platform) { sh 'make' } }
        }
        timeout(time: 2, unit: 'HOURS') {
          parallel branches
        }
      `,
    },
    {
      name: 'scripted: a shared-library step of the scanned tree that allocates its node inside a timeout',
      code: groovy`
        buildOnAgent('linux') { sh 'make' }
      `,
      files: { 'vars/buildOnAgent.groovy': "def call(String label, Closure body) {\n  timeout(60) { node(label) { body() } }\n}\n" },
    },
    {
      name: 'a shared-library step is judged through the pipelines that call it, not on its own',
      filename: 'vars/buildOnAgent.groovy',
      code: groovy`
        def call(String label, Closure body) {
          node(label) { body() }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'scripted: nodes in stored closures are judged where parallel runs them',
      code: groovy`
        def branches = [a: { node('linux') { sh 'a' } }]
        parallel branches
      `,
      errors: [{ messageId: 'missingScripted', line: 1, column: 22 }],
    },
    {
      name: 'scripted: every node block is judged on its own',
      code: groovy`
        timeout(30) {
          node('linux') { sh 'make' }
        }
        node('linux') { sh 'make package' }
        node('deploy') { sh './deploy.sh' }
      `,
      errors: [
        { messageId: 'missingScripted', line: 4, column: 1 },
        { messageId: 'missingScripted', line: 5, column: 1 },
      ],
    },
    {
      name: 'scripted: a library step allocating a node without timeout is reported in the library, with the call as its trail',
      code: groovy`
        buildOnAgent('linux') { sh 'make' }
      `,
      files: { 'vars/buildOnAgent.groovy': "def call(String label, Closure body) {\n  node(label) { body() }\n}\n" },
      errors: [{ messageId: 'missingScripted', file: 'vars/buildOnAgent.groovy', line: 2, column: 3 }],
    },
    {
      name: 'a stage whose steps do more than the timeout it wraps',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('build') {
              steps {
                container('maven') {
                  timeout(20) { sh 'mvn verify' }
                  sh 'mvn deploy'
                }
              }
            }
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
            stage('build') {
              steps {
                container('maven') {
                  timeout(20) { sh 'mvn verify' }
                  sh 'mvn deploy'
                }
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', line: 1, column: 1 }],
    },
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
      errors: [{ messageId: 'agentWait', line: 1 }],
    },
    {
      name: 'strict: with agent none every stage may bound its own agent, so only the whole build is unbounded',
      options: [{ topLevelOnly: true }],
      code: groovy`
        pipeline {
          agent none
          options { timestamps() }
          stages {
            stage('a') { agent { label 'linux' } options { timeout(5) } steps { sh 'a' } }
          }
        }
      `,
      output: null,
      errors: [{ messageId: 'wholeBuild', line: 1 }],
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
      errors: [{ messageId: 'agentWaitScripted', line: 1 }],
    },
    {
      name: 'strict: a node with unbounded work inside is told about the hung step, not the agent wait',
      options: [{ topLevelOnly: true }],
      code: groovy`
        node('linux') {
          timeout(30) { stage('build') { sh 'make' } }
          stage('publish') { sh 'make publish' }
        }
      `,
      errors: [{ messageId: 'missingScripted', line: 1 }],
    },
    {
      name: 'strict: a pipeline with a stage left unbounded is told about the hung step',
      options: [{ topLevelOnly: true }],
      code: groovy`
        pipeline {
          agent { label 'linux' }
          options { timestamps() }
          stages {
            stage('a') { options { timeout(5) } steps { sh 'a' } }
            stage('b') { steps { sh 'b' } }
          }
        }
      `,
      output: null,
      errors: [{ messageId: 'missing', line: 1 }],
    },
  ],
});
