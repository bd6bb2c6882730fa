import type { ModuleCall } from '@nospof/terraform';
import { defineRule } from './utils/define-rule.js';
import { GKE_MODULE, GKE_MODULE_SUBMODULES, isZone } from './utils/gcp.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { reportInstance } from './utils/report.js';
import { bool, skip, str, stringList } from './utils/values.js';

/** terraform-google-modules/kubernetes-engine/google: `regional` defaults to true; a zonal cluster sits in `zones[0]` with nodes in every listed zone. */
const GKE_MODULE_REGIONAL_DEFAULT = true;

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
      defaults: '`location` absent is the provider\'s default zone or region, so the cluster is not judged; `node_locations` absent means the cluster\'s own zone only. terraform-google-modules/kubernetes-engine/google (and its cluster submodules): `regional` defaults to true; with `regional = false` the cluster is in `zones[0]` and its nodes in every listed zone.',
    },
    messages: {
      zonal: 'GKE cluster "{{name}}" is zonal ({{location}}) with nodes in {{zones}} zone(s).',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['google_container_cluster'],
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
      ModuleCall(node: ModuleCall) {
        for (const submodule of GKE_MODULE_SUBMODULES) {
          for (const call of wellKnownCalls(context, node, GKE_MODULE, submodule)) {
            const regional = bool(call.inputs, 'regional');
            if (skip(context, regional, 'regional') || (regional?.value ?? GKE_MODULE_REGIONAL_DEFAULT)) continue;
            const zones = stringList(call.inputs, 'zones');
            if (skip(context, zones, 'zones')) continue;
            const count = new Set(zones?.value ?? []).size;
            // A zonal call without zones is an error Terraform reports (zones[0]), not a topology to judge.
            if (count === 0 || count >= 2) continue;
            reportCall(context, { call, value: regional, attr: 'regional', messageId: 'zonal', data: { name: node.name, location: zones?.value[0] ?? '', zones: count } });
          }
        }
      },
    };
  },
});
