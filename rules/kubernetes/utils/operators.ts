import { known, unknown, type Value } from '@nospof/core';
import { escapeName } from './escape.js';
import { mapAt, readInteger, seqItems, text, written, type KubernetesIndex, type ManifestValue, type OtherObject, type Written } from '@nospof/kubernetes';

/**
 * One group of members of a replicated data system, as an operator's custom resource declares it: the
 * PostgreSQL instances of a CloudNativePG Cluster, the ZooKeeper nodes of a Strimzi Kafka.
 */
export interface MemberCount {
  /** What the members are, for messages: `PostgreSQL instances`. */
  readonly members: string;
  /** How many run: the written count, or the operator's default. */
  readonly count: Value<number>;
  /** Where the count is written, or where it would be added (the object's `kind:`). */
  readonly at: Written;
  /** The fewest that survive the loss of one member. */
  readonly min: number;
  /** A quorum: the count must also be odd (an even count splits evenly in a network partition). */
  readonly odd: boolean;
}

/** A custom resource kind nospof knows, with where its member counts are and where that is documented. */
export interface OperatorKind {
  readonly group: string;
  readonly kind: string;
  readonly operator: string;
  /** The operator's CRD reference or documentation the catalog entry is taken from. */
  readonly source: string;
  counts(object: OtherObject, index: KubernetesIndex): readonly MemberCount[];
  /**
   * Whether the resource is a standby (replica) copy of a system that runs elsewhere: its members are
   * the redundancy of that system, so losing one is no outage. `undefined` when nospof cannot tell.
   */
  standby?(object: OtherObject): boolean | undefined;
}

/** A flag written as a boolean: `undefined` when templated or not a boolean. */
function flag(value: ManifestValue | undefined): boolean | undefined {
  const t = text(value);
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

/** A `spec.<field>.enabled` switch: absent (or no such block) is off. */
function enabledAt(object: OtherObject, field: string): boolean | undefined {
  const block = mapAt(object.value, ['spec'])?.get(field);
  if (block === undefined || (block.kind === 'scalar' && block.value === null)) return false;
  if (block.kind !== 'map') return undefined;
  const enabled = block.get('enabled');
  return enabled === undefined ? false : flag(enabled);
}

function group(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** The count at `path`: written, else the default (`undefined` when the field is required: absent is not judged). */
function countAt(object: OtherObject, path: readonly string[], fallback: number | undefined): { count: Value<number>; at: Written } | undefined {
  const node = mapAt(object.value, path.slice(0, -1))?.get(path[path.length - 1] as string);
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) {
    return fallback === undefined ? undefined : { count: known(fallback), at: object.kindNode };
  }
  return { count: readInteger(node), at: written(node) };
}

function simple(members: string, path: readonly string[], fallback: number | undefined, min: number, odd = false) {
  return (object: OtherObject): MemberCount[] => {
    const found = countAt(object, path, fallback);
    return found ? [{ members, ...found, min, odd }] : [];
  };
}

/** The sum of several written counts (instance sets, node sets), located at the first one. */
function sum(parts: readonly { count: Value<number>; at: Written }[]): { count: Value<number>; at: Written } | undefined {
  const first = parts[0];
  if (!first) return undefined;
  let total = 0;
  for (const part of parts) {
    if (!part.count.known) return { count: part.count, at: part.at };
    total += part.count.value;
  }
  return { count: known(total, first.count.known ? first.count.range : undefined, first.count.known ? first.count.file : undefined), at: first.at };
}

/** Elasticsearch node roles: `node.roles` (flat or nested); absent means every role, master included. */
function isMasterEligible(nodeSet: ManifestValue): boolean | undefined {
  const config = mapAt(nodeSet, ['config']);
  if (!config) return true;
  const roles = config.get('node.roles') ?? mapAt(config, ['node'])?.get('roles');
  if (roles !== undefined) {
    if (roles.kind !== 'seq') return undefined;
    return roles.items.some((r) => text(r) === 'master');
  }
  const legacy = config.get('node.master') ?? mapAt(config, ['node'])?.get('master');
  if (legacy === undefined) return true;
  const value = text(legacy);
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/** Strimzi node pools of one Kafka cluster (`strimzi.io/cluster` label), summed by role. */
function nodePoolCounts(object: OtherObject, index: KubernetesIndex): MemberCount[] {
  const cluster = object.labels['strimzi.io/cluster'];
  if (cluster === undefined) return [];
  const declared = index
    .ofTypeNear(object, 'KubernetesObject')
    .filter((o) => o.kind === 'KafkaNodePool' && group(o.apiVersion) === 'kafka.strimzi.io' && o.labels['strimzi.io/cluster'] === cluster);
  // One name is one pool: several declarations of it (alternative example files side by side) are not
  // added up. The pool being judged stands for its own name; another name declared more than once is
  // ambiguous, and makes the counts of the roles it may carry unknown.
  const byName = new Map<string, OtherObject[]>();
  for (const pool of declared) byName.set(pool.name, [...(byName.get(pool.name) ?? []), pool]);
  const pools: OtherObject[] = [];
  const ambiguous: OtherObject[] = [];
  for (const [name, list] of byName) {
    if (name === object.name) pools.push(object);
    else if (list.length === 1) pools.push(...list);
    else ambiguous.push(...list);
  }
  const rolesOf = (pool: OtherObject) => seqItems(mapAt(pool.value, ['spec'])?.get('roles')).map(text);
  const byRole = (role: string) => {
    const carriers = pools.flatMap((pool) => {
      const found = countAt(pool, ['spec', 'replicas'], undefined);
      return rolesOf(pool).includes(role) && found ? [{ pool, ...found }] : [];
    });
    // The cluster's total for a role is judged once, on the first pool that carries the role: a pool
    // without the role (brokers only) runs none of those members, and every other pool of the role
    // would repeat the same finding.
    if (carriers[0]?.pool !== object) return undefined;
    const total = sum(carriers);
    if (!total || !ambiguous.some((pool) => rolesOf(pool).includes(role))) return total;
    return { count: unknown(`node pool declared more than once in the scan (${[...new Set(ambiguous.map((p) => p.name))].join(', ')})`), at: total.at };
  };
  const counts: MemberCount[] = [];
  const controllers = byRole('controller');
  if (controllers) counts.push({ members: `KRaft controller of Kafka cluster "${escapeName(cluster)}"`, ...controllers, min: 3, odd: true });
  const brokers = byRole('broker');
  if (brokers) counts.push({ members: `Kafka broker of cluster "${escapeName(cluster)}"`, ...brokers, min: 2, odd: false });
  return counts;
}

/**
 * The operators whose custom resources run replicated data systems, per kind: the field that counts
 * members, its default, the fewest that survive losing one, and whether it is a quorum (odd, at least 3).
 */
export const operatorKinds: readonly OperatorKind[] = [
  {
    group: 'postgresql.cnpg.io',
    kind: 'Cluster',
    operator: 'CloudNativePG',
    source: 'https://cloudnative-pg.io/documentation/current/cloudnative-pg.v1/#postgresql-cnpg-io-v1-ClusterSpec',
    counts: simple('PostgreSQL instance', ['spec', 'instances'], 1, 2),
    // A replica cluster (`spec.replica.enabled`, or a `spec.replica.primary` naming another cluster)
    // follows a primary cluster elsewhere.
    standby(object) {
      const replica = mapAt(object.value, ['spec', 'replica']);
      if (!replica) return enabledAt(object, 'replica');
      const enabled = replica.get('enabled');
      if (enabled !== undefined) return flag(enabled);
      const primary = replica.get('primary');
      if (primary === undefined) return false;
      const self = replica.get('self');
      const primaryName = text(primary);
      const selfName = self === undefined ? object.name : text(self);
      return primaryName === undefined || selfName === undefined ? undefined : primaryName !== selfName;
    },
  },
  {
    // A Pooler is the PgBouncer layer applications connect through instead of the cluster's services:
    // one PgBouncer pod cuts every such connection when it is evicted, however many instances serve behind it.
    group: 'postgresql.cnpg.io',
    kind: 'Pooler',
    operator: 'CloudNativePG',
    source: 'https://cloudnative-pg.io/documentation/current/cloudnative-pg.v1/#postgresql-cnpg-io-v1-PoolerSpec',
    counts: simple('PgBouncer instance', ['spec', 'instances'], 1, 2),
  },
  {
    group: 'acid.zalan.do',
    kind: 'postgresql',
    operator: 'Zalando Postgres Operator',
    source: 'https://github.com/zalando/postgres-operator/blob/master/docs/reference/cluster_manifest.md',
    counts: simple('PostgreSQL instance', ['spec', 'numberOfInstances'], undefined, 2),
    // A standby cluster (`spec.standby`) streams from a source cluster elsewhere.
    standby(object) {
      const standby = mapAt(object.value, ['spec'])?.get('standby');
      return standby !== undefined && !(standby.kind === 'scalar' && standby.value === null);
    },
  },
  {
    group: 'postgres-operator.crunchydata.com',
    kind: 'PostgresCluster',
    operator: 'Crunchy Postgres for Kubernetes',
    source: 'https://access.crunchydata.com/documentation/postgres-operator/latest/references/crd/5.8.x/postgrescluster',
    counts(object) {
      const sets = seqItems(mapAt(object.value, ['spec'])?.get('instances'));
      const total = sum(
        sets.map((set) => {
          const node = set.kind === 'map' ? set.get('replicas') : undefined;
          return node ? { count: readInteger(node), at: written(node) } : { count: known(1), at: written(set.kind === 'map' ? (set.get('name') ?? set) : set) };
        }),
      );
      return total ? [{ members: 'PostgreSQL instance', ...total, min: 2, odd: false }] : [];
    },
    // A standby cluster (`spec.standby.enabled`) follows a primary cluster elsewhere.
    standby: (object) => enabledAt(object, 'standby'),
  },
  {
    group: 'kafka.strimzi.io',
    kind: 'Kafka',
    operator: 'Strimzi',
    source: 'https://strimzi.io/docs/operators/latest/configuring.html#type-KafkaClusterSpec-reference',
    counts(object) {
      const counts: MemberCount[] = [];
      // With node pools the brokers and controllers are counted on the KafkaNodePool resources.
      if (object.annotations['strimzi.io/node-pools'] !== 'enabled') {
        const brokers = countAt(object, ['spec', 'kafka', 'replicas'], undefined);
        if (brokers) counts.push({ members: 'Kafka broker', ...brokers, min: 2, odd: false });
      }
      if (object.annotations['strimzi.io/kraft'] !== 'enabled') {
        const zookeeper = countAt(object, ['spec', 'zookeeper', 'replicas'], undefined);
        if (zookeeper) counts.push({ members: 'ZooKeeper node', ...zookeeper, min: 3, odd: true });
      }
      return counts;
    },
  },
  {
    group: 'kafka.strimzi.io',
    kind: 'KafkaNodePool',
    operator: 'Strimzi',
    source: 'https://strimzi.io/docs/operators/latest/configuring.html#type-KafkaNodePoolSpec-reference',
    counts: nodePoolCounts,
  },
  {
    // Connectors' tasks move to the other workers of the group when one goes; with one worker they stop.
    // The default (3 in the v1beta2 API reference) is not assumed: an absent count is not judged.
    group: 'kafka.strimzi.io',
    kind: 'KafkaConnect',
    operator: 'Strimzi',
    source: 'https://strimzi.io/docs/operators/latest/configuring.html#type-KafkaConnectSpec-reference',
    counts: simple('Kafka Connect worker', ['spec', 'replicas'], undefined, 2),
  },
  {
    group: 'kafka.strimzi.io',
    kind: 'KafkaMirrorMaker2',
    operator: 'Strimzi',
    source: 'https://strimzi.io/docs/operators/latest/configuring.html#type-KafkaMirrorMaker2Spec-reference',
    counts: simple('MirrorMaker 2 worker', ['spec', 'replicas'], undefined, 2),
  },
  {
    group: 'rabbitmq.com',
    kind: 'RabbitmqCluster',
    operator: 'RabbitMQ Cluster Operator',
    source: 'https://www.rabbitmq.com/kubernetes/operator/using-operator#replicas',
    counts: simple('RabbitMQ node', ['spec', 'replicas'], 1, 3, true),
  },
  {
    group: 'elasticsearch.k8s.elastic.co',
    kind: 'Elasticsearch',
    operator: 'Elastic Cloud on Kubernetes',
    source: 'https://www.elastic.co/guide/en/elasticsearch/reference/current/high-availability-cluster-design.html',
    counts(object) {
      const parts: { count: Value<number>; at: Written }[] = [];
      for (const nodeSet of seqItems(mapAt(object.value, ['spec'])?.get('nodeSets'))) {
        const eligible = isMasterEligible(nodeSet);
        const node = nodeSet.kind === 'map' ? nodeSet.get('count') : undefined;
        if (eligible === undefined) return [{ members: 'master-eligible node', count: unknown('the node roles of a node set cannot be read'), at: object.kindNode, min: 3, odd: false }];
        if (eligible && node) parts.push({ count: readInteger(node), at: written(node) });
      }
      const total = sum(parts);
      return total ? [{ members: 'master-eligible node', ...total, min: 3, odd: false }] : [];
    },
  },
  {
    group: 'mongodbcommunity.mongodb.com',
    kind: 'MongoDBCommunity',
    operator: 'MongoDB Community Operator',
    source: 'https://github.com/mongodb/mongodb-kubernetes-operator/blob/master/docs/deploy-configure.md',
    counts(object) {
      const members = countAt(object, ['spec', 'members'], undefined);
      if (!members) return [];
      const arbiters = countAt(object, ['spec', 'arbiters'], 0);
      const data: MemberCount = { members: 'data-bearing replica set member', ...members, min: 2, odd: false };
      if (!members.count.known || !arbiters?.count.known) return [data];
      const voting = members.count.value + arbiters.count.value;
      return [data, { members: 'voting replica set member', count: known(voting, members.count.range, members.count.file), at: members.at, min: 3, odd: true }];
    },
  },
  {
    group: 'monitoring.coreos.com',
    kind: 'Prometheus',
    operator: 'Prometheus Operator',
    source: 'https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusSpec',
    counts: simple('Prometheus replica', ['spec', 'replicas'], 1, 2),
  },
  {
    group: 'monitoring.coreos.com',
    kind: 'Alertmanager',
    operator: 'Prometheus Operator',
    source: 'https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.AlertmanagerSpec',
    counts: simple('Alertmanager replica', ['spec', 'replicas'], 1, 2),
  },
  {
    group: 'monitoring.coreos.com',
    kind: 'ThanosRuler',
    operator: 'Prometheus Operator',
    source: 'https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ThanosRulerSpec',
    counts: simple('Thanos Ruler replica', ['spec', 'replicas'], 1, 2),
  },
  {
    group: 'leaderworkerset.x-k8s.io',
    kind: 'LeaderWorkerSet',
    operator: 'LeaderWorkerSet',
    source: 'https://lws.sigs.k8s.io/docs/reference/leaderworkerset.v1/#leaderworkerset-x-k8s-io-v1-LeaderWorkerSetSpec',
    counts: simple('leader-worker group', ['spec', 'replicas'], 1, 2),
  },
  {
    group: 'databases.spotahome.com',
    kind: 'RedisFailover',
    operator: 'Spotahome Redis Operator',
    source: 'https://github.com/spotahome/redis-operator/blob/master/api/redisfailover/v1/defaults.go',
    counts(object) {
      // The operator replaces a count of 0 or less with its default of 3.
      const read = (path: readonly string[]) => {
        const found = countAt(object, path, 3);
        return found && found.count.known && found.count.value <= 0 ? { count: known(3), at: found.at } : found;
      };
      const redis = read(['spec', 'redis', 'replicas']);
      const sentinel = read(['spec', 'sentinel', 'replicas']);
      return [
        ...(redis ? [{ members: 'Redis replica', ...redis, min: 2, odd: false }] : []),
        ...(sentinel ? [{ members: 'Sentinel', ...sentinel, min: 3, odd: true }] : []),
      ];
    },
  },
  {
    group: 'redis.redis.opstreelabs.in',
    kind: 'RedisReplication',
    operator: 'OT-Container-Kit Redis Operator',
    source: 'https://redis-operator.opstree.dev/docs/crd-reference/redis-api/',
    counts: simple('Redis node', ['spec', 'clusterSize'], undefined, 2),
  },
  {
    group: 'redis.redis.opstreelabs.in',
    kind: 'RedisSentinel',
    operator: 'OT-Container-Kit Redis Operator',
    source: 'https://redis-operator.opstree.dev/docs/crd-reference/redis-api/',
    counts: simple('Sentinel', ['spec', 'clusterSize'], undefined, 3, true),
  },
  {
    group: 'redis.redis.opstreelabs.in',
    kind: 'RedisCluster',
    operator: 'OT-Container-Kit Redis Operator',
    source: 'https://redis-operator.opstree.dev/docs/crd-reference/redis-api/',
    counts: simple('Redis Cluster leader', ['spec', 'clusterSize'], undefined, 3),
  },
];

const byKind = new Map(operatorKinds.map((k) => [`${k.group}\u0000${k.kind}`, k] as const));

/** The catalog entry of a custom resource, by API group and kind. */
export function operatorKind(object: OtherObject): OperatorKind | undefined {
  return byKind.get(`${group(object.apiVersion)}\u0000${object.kind}`);
}
