import { RuleTester, yaml } from '@nospof/core/testing';
import { kubernetesLanguage } from '@nospof/kubernetes';
import { rules } from '../index.js';

const deployment = ({ tier, priorityClass }) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: checkout
    labels:
      ${tier ? `acme.dev/tier: ${tier}` : 'app: checkout'}
  spec:
    replicas: 3
    selector: { matchLabels: { app: checkout } }
    template:
      metadata: { labels: { app: checkout } }
      spec:
        ${priorityClass ? `priorityClassName: ${priorityClass}` : 'terminationGracePeriodSeconds: 30'}
        containers:
          - name: app
            image: acme/checkout:1.4.2
`;

new RuleTester({ languages: [{ language: kubernetesLanguage, filename: 'manifest.yaml' }] }).run(rules['critical-priority-class'], {
  valid: [
    { name: 'critical workload with a priority class', code: deployment({ tier: 'critical', priorityClass: 'acme-critical' }) },
    { name: 'batch workload needs none', code: deployment({ tier: 'batch' }) },
    { name: 'unlabelled workload is not judged', code: deployment({}) },
    { name: 'another label and tier set through options', code: deployment({ tier: 'critical' }), options: [{ label: 'team.dev/tier', tiers: ['gold'] }] },
  ],
  invalid: [
    {
      name: 'critical workload without a priority class',
      code: deployment({ tier: 'critical' }),
      errors: [{ messageId: 'missing', data: { tier: 'critical' }, line: 2, column: 7, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'tiers from options',
      code: deployment({ tier: 'gold' }),
      options: [{ label: 'acme.dev/tier', tiers: ['critical', 'gold'] }],
      errors: [{ messageId: 'missing', data: { tier: 'gold' }, line: 2, column: 7 }],
    },
  ],
});
