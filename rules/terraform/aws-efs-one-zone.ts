import { defineRule } from './utils/define-rule.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { skip, str } from './utils/values.js';

export default defineRule({
  meta: {
    id: 'terraform/aws-efs-one-zone',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'EFS file systems use Regional (multi-AZ) storage, not One Zone',
      rationale: 'One Zone storage keeps every copy of the data in one AZ: losing the zone loses access, and possibly the data.',
      remediation: 'Remove `availability_zone_name` so the file system is Regional (this replaces the file system; copy the data first).',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`availability_zone_name` absent means Regional storage across AZs.',
    },
    messages: {
      oneZone: 'EFS file system "{{name}}" uses One Zone storage in {{zone}}.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['aws_efs_file_system'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const fs of instancesOf(context, node, ['aws_efs_file_system'])) {
          const zone = str(fs, 'availability_zone_name');
          if (skip(context, zone, 'availability_zone_name') || !zone || zone.value === '') continue;
          reportInstance(context, { instance: fs, value: zone, attr: 'availability_zone_name', messageId: 'oneZone', data: { name: fs.name, zone: zone.value } });
        }
      },
    };
  },
});
