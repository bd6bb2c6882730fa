import { groovy } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './agent-single-point.js';

const settings = { jenkins: { agentPools: { gpu: 1, linux: 8, arm: 1, mac: 1 } } };

ruleTester().run(rule, {
  valid: [
    {
      name: 'label of a large pool',
      settings,
      code: groovy`
        pipeline {
          agent { label 'linux' }
          stages { stage('b') { steps { sh 'make' } } }
        }
      `,
    },
    {
      name: 'two single-agent pools together are two agents',
      settings,
      code: groovy`
        node('arm || mac') {
          sh 'make'
        }
      `,
    },
    {
      name: 'label without a configured pool is not judged',
      code: groovy`
        node('gpu') {
          sh 'train'
        }
      `,
    },
    {
      name: 'label from a variable is unknown',
      settings,
      code: groovy`
        def target = 'gpu'
        node(target) {
          sh 'train'
        }
      `,
    },
    {
      name: 'a matrix with excludes is not expanded',
      settings,
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('platforms') {
              matrix {
                agent { label "\${OS}" }
                axes { axis { name 'OS'; values 'linux', 'mac' } }
                excludes { exclude { axis { name 'OS'; values 'mac' } } }
                stages { stage('test') { steps { sh 'make test' } } }
              }
            }
          }
        }
      `,
    },
    {
      name: 'a stricter minimum still passes a large pool',
      settings,
      options: [{ minAgents: 3 }],
      code: groovy`
        node('linux') { sh 'make' }
      `,
    },
  ],
  invalid: [
    {
      name: 'declarative label of a one-agent pool',
      settings,
      code: groovy`
        pipeline {
          agent { label 'gpu' }
          stages { stage('b') { steps { sh 'train' } } }
        }
      `,
      errors: [{ messageId: 'smallPool', data: { label: 'gpu', agents: 1 }, line: 2, column: 17 }],
    },
    {
      name: 'requiring a one-agent label narrows a large pool to one',
      settings,
      code: groovy`
        node('linux && gpu') {
          sh 'train'
        }
      `,
      errors: [{ messageId: 'smallPool', data: { agents: 1 }, line: 1, column: 6 }],
    },
    {
      name: 'docker agent pinned to a one-agent label',
      settings,
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('b') {
              agent { docker { image 'cuda:12'; label 'gpu' } }
              steps { sh 'train' }
            }
          }
        }
      `,
      errors: [{ messageId: 'smallPool', line: 5, column: 47 }],
    },
    {
      name: 'a host name label',
      code: groovy`
        node('build01.ci.example.com') {
          sh 'make'
        }
      `,
      errors: [{ messageId: 'oneMachine', data: { machine: 'build01.ci.example.com' }, line: 1, column: 6 }],
    },
    {
      name: 'a matrix label filled from its axes',
      settings,
      code: groovy`
        pipeline {
          agent none
          stages {
            stage('platforms') {
              matrix {
                agent { label "\${OS}" }
                axes {
                  axis {
                    name 'OS'
                    values 'linux', 'mac'
                  }
                }
                stages { stage('test') { steps { sh 'make test' } } }
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'smallPool', data: { label: 'mac', agents: 1 }, line: 6, column: 23 }],
    },
    {
      name: 'a suppression above the stage covers its agent label',
      settings,
      code: groovy`
        pipeline {
          agent none
          stages {
            // nospof-ignore jenkins/agent-single-point -- the only GPU box; queueing is accepted
            stage('train') {
              agent { label 'gpu' }
              steps { sh 'train' }
            }
          }
        }
      `,
      errors: [{ messageId: 'smallPool', line: 6, suppressed: true }],
    },
    {
      name: 'a larger minimum flags a two-agent pool',
      settings: { jenkins: { agentPools: { linux: 2 } } },
      options: [{ minAgents: 3 }],
      code: groovy`
        pipeline {
          agent { node { label 'linux' } }
          stages { stage('b') { steps { sh 'make' } } }
        }
      `,
      errors: [{ messageId: 'smallPool', data: { agents: 2 }, line: 2, column: 24 }],
    },
  ],
});
