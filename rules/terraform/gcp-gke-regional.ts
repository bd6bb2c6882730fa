import { defineRule } from './utils/define-rule.js';
import { isZone } from './utils/gcp.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { skip, str, stringList } from './utils/values.js';

export default defineRule({
  meta: {
    id: 'terraform/gcp-gke-regional',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'GKE clusters are regional, or zonal with nodes in two or more zones',
      rationale: 'A zonal cluster has one control plane in one zone, and with no extra node_locations every node is in that zone too.',
      remediation: 'Set `location` to a region (`europe-west1`), or list two or more zones in `node_locations`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`location` absent is the provider\'s default zone or region, so the cluster is not judged; `node_locations` absent means the cluster\'s own zone only.',
    },
    messages: {
      zonal: 'GKE cluster "{{name}}" is zonal ({{location}}) with nodes in {{zones}} zone(s).',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const cluster of instancesOf(context, node, ['google_container_cluster'])) {
          const location = str(cluster, 'location');
          if (skip(context, location, 'location') || !location || !isZone(location.value)) continue;
          const extra = stringList(cluster, 'node_locations');
          if (skip(context, extra, 'node_locations')) continue;
          const zones = new Set([location.value, ...(extra?.value ?? [])]).size;
          if (zones >= 2) continue;
          reportInstance(context, { instance: cluster, value: location, attr: 'location', messageId: 'zonal', data: { name: cluster.name, location: location.value, zones } });
        }
      },
    };
  },
});
