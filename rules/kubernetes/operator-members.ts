import { unknown } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import type { OtherObject } from '@nospof/kubernetes';
import { reportOn, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';
import { operatorKind } from './utils/operators.js';

/** The members' noun marked as countable where it stands: `Kafka broker(s) of cluster "x"`, `Sentinel(s)`. */
function counted(members: string): string {
  const of = members.indexOf(' of ');
  return of === -1 ? `${members}(s)` : `${members.slice(0, of)}(s)${members.slice(of)}`;
}

export default defineRule({
  meta: {
    id: 'kubernetes/operator-members',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Operator-managed data systems run enough members to survive the loss of one',
      rationale:
        'Databases, brokers and monitoring stacks run by operators (CloudNativePG, Strimzi, RabbitMQ, ECK, MongoDB, Prometheus, Redis) are declared as custom resources whose member count decides their redundancy: one PostgreSQL instance, one broker or two ZooKeeper nodes is an outage waiting for the next node drain, and no Deployment rule sees it.',
      remediation:
        'Raise the member count of the custom resource to at least the minimum the catalog gives for its kind; for quorum systems (ZooKeeper, KRaft controllers, RabbitMQ, Sentinel, MongoDB voting members) use an odd number of 3 or more.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults:
        'Each kind counts members where its operator does, with the operator default when the field is absent (a field the CRD requires is not judged when absent). A standby copy of a cluster that runs elsewhere (Zalando `spec.standby`, a CloudNativePG replica cluster, a Crunchy standby) is not judged. A count of 0 is a system turned off on purpose and is not judged (the Spotahome operator reads 0 as its default of 3). Templated counts are unknown. See the catalog on the rule page for every kind, field, default and minimum, with its source.',
    },
    messages: {
      tooFew: '{{kind}} "{{name}}" ({{operator}}) runs {{count}} {{counted}}; at least {{min}} are needed to survive the loss of one.',
      noQuorum: '{{kind}} "{{name}}" ({{operator}}) runs {{count}} {{counted}}; a quorum needs at least {{min}} (an odd number) to survive the loss of one.',
      evenQuorum:
        '{{kind}} "{{name}}" ({{operator}}) runs {{count}} {{counted}}: an even quorum tolerates no more failures than {{odd}} would, and a network partition into two halves leaves neither side a majority.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const index = kubernetesIndex(context);
    return visitDeployed(context, {
      KubernetesObject(object: OtherObject) {
        const entry = operatorKind(object);
        if (!entry) return;
        const standby = entry.standby?.(object);
        if (standby === undefined && entry.standby) {
          context.skipped(unknown('whether it is a standby of another cluster cannot be read', object.kindNode.range, object.kindNode.file), `${object.kind} "${escapeName(object.name)}"`);
          return;
        }
        // A standby copy is the redundancy of a cluster that runs elsewhere.
        if (standby) return;
        for (const group of entry.counts(object, index)) {
          const { count } = group;
          const what = `${group.members} of ${object.kind} "${escapeName(object.name)}"`;
          if (!count.known) {
            context.skipped(count, what);
            continue;
          }
          const n = count.value;
          if (n === 0) continue;
          const data = { kind: object.kind, name: escapeName(object.name), operator: entry.operator, count: n, members: group.members, counted: counted(group.members), min: group.min, odd: n - 1 };
          if (n < group.min) reportOn(context, index, object, { at: group.at, messageId: group.odd ? 'noQuorum' : 'tooFew', data });
          else if (group.odd && n % 2 === 0) reportOn(context, index, object, { at: group.at, messageId: 'evenQuorum', data });
        }
      },
    });
  },
});
