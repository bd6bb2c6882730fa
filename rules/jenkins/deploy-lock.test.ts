import { groovy } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './deploy-lock.js';

ruleTester().run(rule, {
  valid: [
    {
      name: 'deploy stage with a lock option',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('Deploy') {
              options { lock(resource: 'production') }
              steps { sh 'helm upgrade --install web charts/web' }
            }
          }
        }
      `,
    },
    {
      name: 'job-wide disableConcurrentBuilds',
      code: groovy`
        pipeline {
          agent any
          options { disableConcurrentBuilds() }
          stages { stage('Deploy') { steps { sh 'kubectl apply -f k8s/' } } }
        }
      `,
    },
    {
      name: 'deploy steps wrapped in lock',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('Release') {
              steps {
                lock('prod-env') { sh 'terraform apply -auto-approve' }
              }
            }
          }
        }
      `,
    },
    {
      name: 'scripted properties serialise the job',
      code: groovy`
        properties([disableConcurrentBuilds()])
        node('deploy') {
          stage('Deploy') { sh 'ansible-playbook site.yml' }
        }
      `,
    },
    {
      name: 'a build stage is not a deployment',
      code: groovy`
        pipeline {
          agent any
          stages { stage('Build') { steps { sh 'make' } } }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'declarative deploy stage by name',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('Build') { steps { sh 'make' } }
            stage('Deploy to production') { steps { sh './ship.sh' } }
          }
        }
      `,
      errors: [{ messageId: 'unlocked', data: { stage: 'Deploy to production' }, line: 5, column: 5 }],
    },
    {
      name: 'declarative stage running a deploy command',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('Apply') { steps { sh 'kubectl apply -f manifests/' } }
          }
        }
      `,
      errors: [{ messageId: 'unlocked', data: { stage: 'Apply' }, line: 4 }],
    },
    {
      name: 'scripted deploy stage without lock',
      code: groovy`
        node('deploy') {
          stage('Rollout') {
            sh 'helm upgrade --install api charts/api'
          }
        }
      `,
      errors: [{ messageId: 'unlocked', data: { stage: 'Rollout' }, line: 2, column: 3 }],
    },
  ],
});
