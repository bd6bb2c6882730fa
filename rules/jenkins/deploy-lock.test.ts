import { groovy } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './deploy-lock.js';

ruleTester().run(rule, {
  valid: [
    {
      name: 'sshCommand running checks, a pull and a restart on the host is not a deploy',
      code: groovy`
        def remote = [name: 'prod', host: 'prod.example.com', allowAnyHosts: true]
        pipeline {
          agent any
          stages {
            stage('Deploy') {
              steps {
                sshCommand remote: remote, command: 'docker ps && df -h'
                sshCommand remote: remote, command: 'cd /srv/app && git pull && pm2 restart app'
                sshCommand remote: remote, command: 'docker stack deploy --dry-run -c stack.yml shop'
              }
            }
          }
        }
      `,
    },
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
      name: 'a stage named deploy that runs no known deploy command is not judged by its name',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('Deploy docs preview') { steps { sh './ship.sh' } }
          }
        }
      `,
    },
    {
      name: 'triggering another job is not a deploy',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('Deploy') { steps { build job: 'deploy-production', parameters: [string(name: 'VERSION', value: '1.2')] } }
          }
        }
      `,
    },
    {
      name: 'a lock taken in a helper around the deploy',
      code: groovy`
        def exclusively(String resource, Closure body) { lock(resource) { body() } }
        pipeline {
          agent any
          stages {
            stage('Apply') { steps { script { exclusively('prod') { sh 'kubectl apply -f k8s/' } } } }
          }
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
    {
      name: 'a stage that only asks Argo CD and Flux to sync: the controller serialises the rollout',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('Sync') {
              steps {
                sh 'argocd app create shop --repo https://git.example.com/shop.git --path deploy --dest-namespace shop'
                sh 'argocd app sync shop && argocd app wait shop --health'
                sh 'flux reconcile kustomization apps --with-source'
              }
            }
          }
        }
      `,
    },
    {
      name: 'scripted: an Argo CD sync request outside any lock',
      code: groovy`
        node {
          stage('Sync') {
            sh 'argocd app sync shop'
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a sync request beside a direct apply: the apply still deploys unlocked',
      code: groovy`
        pipeline {
          agent any
          stages {
            stage('Roll out') {
              steps {
                sh 'kubectl apply -f crds/'
                sh 'argocd app sync shop'
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'unlocked', data: { stage: 'Roll out' }, line: 4, column: 5 }],
    },
    {
      name: 'sshCommand running a deploy on the host, as sh with ssh would',
      code: groovy`
        def remote = [name: 'swarm', host: 'swarm.example.com', allowAnyHosts: true]
        pipeline {
          agent any
          stages {
            stage('Roll out') {
              steps {
                sshCommand remote: remote, command: 'cd /srv/shop && docker stack deploy -c stack.yml shop'
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'unlocked', data: { stage: 'Roll out' }, line: 5, column: 5 }],
    },
    {
      name: 'a deploy in a local helper, reported at the stage that calls it',
      code: groovy`
        def rollout(String env) {
          sh "helm upgrade --install web charts/web -f values-\${env}.yaml"
        }
        pipeline {
          agent any
          stages {
            stage('Production') { steps { script { rollout('prod') } } }
          }
        }
      `,
      errors: [{ messageId: 'unlocked', data: { stage: 'Production' }, line: 7, column: 5 }],
    },
    {
      name: 'scripted: a deploy outside any stage is reported at the step',
      code: groovy`
        node('deploy') {
          sh 'terraform apply -auto-approve'
        }
      `,
      errors: [{ messageId: 'unlockedStep', data: { step: 'sh' }, line: 2, column: 3 }],
    },
    {
      name: 'scripted: a deploy in a shared-library step of the scanned tree',
      code: groovy`
        node('deploy') {
          stage('Ship') { deployApp('prod') }
        }
      `,
      files: { 'vars/deployApp.groovy': "def call(String env) {\n  sh \"kubectl apply -k overlays/${env}\"\n}\n" },
      errors: [{ messageId: 'unlocked', data: { stage: 'Ship' }, line: 2, column: 3 }],
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
