import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './operator-members.js';

const resource = (apiVersion: string, kind: string, spec: string, metadata = 'labels: { app: data }') => yaml`
  apiVersion: ${apiVersion}
  kind: ${kind}
  metadata:
    name: data
    ${metadata}
  spec:
    ${spec}
`;

const cnpg = (spec: string) => resource('postgresql.cnpg.io/v1', 'Cluster', spec);
const strimzi = (spec: string, metadata?: string) => resource('kafka.strimzi.io/v1beta2', 'Kafka', spec, metadata);
const pool = (name: string, replicas: number, roles: string) => yaml`
  apiVersion: kafka.strimzi.io/v1beta2
  kind: KafkaNodePool
  metadata:
    name: ${name}
    labels: { strimzi.io/cluster: events }
  spec:
    replicas: ${replicas}
    roles: ${roles}
`;
const elastic = (nodeSets: string) => resource('elasticsearch.k8s.elastic.co/v1', 'Elasticsearch', `version: 8.15.0\nnodeSets:\n  ${nodeSets}`);

ruleTester().run(rule, {
  valid: [
    { name: 'three CloudNativePG instances', code: cnpg('instances: 3') },
    { name: 'a templated count is unknown', code: cnpg('instances: ${INSTANCES}') },
    { name: 'a count of 0 is a system turned off on purpose', code: resource('monitoring.coreos.com/v1', 'Prometheus', 'replicas: 0') },
    { name: 'a required count left out is not judged', code: resource('acid.zalan.do/v1', 'postgresql', 'teamId: acid') },
    { name: 'a Zalando standby cluster is the copy of a source cluster', code: resource('acid.zalan.do/v1', 'postgresql', 'numberOfInstances: 1\nstandby:\n  s3_wal_path: s3://backups/orders/') },
    { name: 'a CloudNativePG replica cluster follows its primary elsewhere', code: cnpg('instances: 1\nreplica:\n  enabled: true\n  source: origin') },
    { name: 'a CloudNativePG replica cluster named by the primary switch', code: cnpg('instances: 1\nreplica:\n  primary: origin\n  source: origin') },
    { name: 'a Crunchy standby cluster', code: resource('postgres-operator.crunchydata.com/v1beta1', 'PostgresCluster', 'standby:\n  enabled: true\n  repoName: repo1\ninstances:\n  - name: pg') },
    { name: 'a templated standby switch is unknown', code: cnpg('instances: 1\nreplica:\n  enabled: ${IS_REPLICA}') },
    { name: 'an unknown custom resource', code: resource('example.com/v1', 'Cluster', 'instances: 1') },
    { name: 'Strimzi with three brokers and three ZooKeeper nodes', code: strimzi('kafka: { replicas: 3 }\nzookeeper: { replicas: 3 }') },
    {
      name: 'Strimzi node pools summed by role across pools of one cluster',
      code: pool('controllers', 3, '[controller]'),
      files: { 'brokers.yaml': pool('brokers', 3, '[broker]'), 'kafka.yaml': strimzi('kafka: { replicas: 1 }', 'annotations: { strimzi.io/node-pools: enabled, strimzi.io/kraft: enabled }') },
    },
    {
      name: 'the same node pool declared in two alternative files is not added up',
      code: pool('dual-role', 3, '[controller, broker]'),
      files: { 'single.yaml': pool('dual-role', 3, '[controller, broker]') },
    },
    {
      name: 'another pool name declared twice makes the role count unknown',
      code: pool('controllers', 2, '[controller]'),
      files: { 'a.yaml': pool('voters', 1, '[controller]'), 'b.yaml': pool('voters', 3, '[controller]') },
    },
    { name: 'a CloudNativePG pooler with two PgBouncer instances', code: resource('postgresql.cnpg.io/v1', 'Pooler', 'cluster: { name: data }\ninstances: 2\ntype: rw') },
    { name: 'RabbitMQ with three nodes', code: resource('rabbitmq.com/v1beta1', 'RabbitmqCluster', 'replicas: 3') },
    { name: 'Kafka Connect with two workers', code: resource('kafka.strimzi.io/v1beta2', 'KafkaConnect', 'replicas: 2') },
    { name: 'Kafka Connect without a written count is not judged', code: resource('kafka.strimzi.io/v1beta2', 'KafkaConnect', 'bootstrapServers: events-kafka-bootstrap:9093') },
    { name: 'MirrorMaker 2 scaled to zero is not judged', code: resource('kafka.strimzi.io/v1beta2', 'KafkaMirrorMaker2', 'replicas: 0') },
    { name: 'Elasticsearch with three master-eligible nodes', code: elastic('- name: default\n    count: 3') },
    {
      name: 'Elasticsearch counts master-eligible node sets only, and they are enough',
      code: elastic('- name: masters\n    count: 3\n    config: { node.roles: [master] }\n  - name: data\n    count: 1\n    config: { node.roles: [data] }'),
    },
    { name: 'MongoDB with two members and an arbiter', code: resource('mongodbcommunity.mongodb.com/v1', 'MongoDBCommunity', 'members: 2\narbiters: 1\ntype: ReplicaSet') },
    { name: 'Spotahome RedisFailover defaults to three Redis and three Sentinels', code: resource('databases.spotahome.com/v1', 'RedisFailover', 'redis: { resources: {} }') },
    { name: 'Spotahome reads 0 as its default of 3', code: resource('databases.spotahome.com/v1', 'RedisFailover', 'sentinel: { replicas: 0 }') },
    { name: 'a LeaderWorkerSet with two groups', code: resource('leaderworkerset.x-k8s.io/v1', 'LeaderWorkerSet', 'replicas: 2') },
  ],
  invalid: [
    {
      name: 'a single dual-role node pool: the count marks the members, not the cluster name',
      code: pool('dual-role', 1, '[controller, broker]'),
      files: { 'kafka.yaml': strimzi('kafka: { version: 3.8.0 }', 'annotations: { strimzi.io/node-pools: enabled, strimzi.io/kraft: enabled }') },
      errors: [
        {
          messageId: 'noQuorum',
          data: { count: 1, counted: 'KRaft controller(s) of Kafka cluster "events"', min: 3 },
        },
        { messageId: 'tooFew', data: { count: 1, counted: 'Kafka broker(s) of cluster "events"', min: 2 } },
      ],
    },
    {
      name: 'a broker-only node pool does not carry the controller quorum of its cluster: one finding, in the controller pool',
      code: pool('brokers', 3, '[broker]'),
      files: { 'controllers.yaml': pool('controllers', 1, '[controller]'), 'kafka.yaml': strimzi('kafka: { version: 3.8.0 }', 'annotations: { strimzi.io/node-pools: enabled, strimzi.io/kraft: enabled }') },
      errors: [{ messageId: 'noQuorum', data: { name: 'controllers', count: 1, min: 3 }, file: 'controllers.yaml', line: 7, column: 13 }],
    },
    {
      name: 'one controller pool beside a broker pool: the quorum is reported once, on the controller pool',
      code: pool('controllers', 1, '[controller]') + '---\n' + pool('brokers', 3, '[broker]'),
      files: { 'kafka.yaml': strimzi('kafka: { version: 3.8.0 }', 'annotations: { strimzi.io/node-pools: enabled, strimzi.io/kraft: enabled }') },
      errors: [{ messageId: 'noQuorum', data: { name: 'controllers', count: 1, min: 3 }, line: 7 }],
    },
    {
      name: 'a single-node example beside a three-node one with the same pool name is judged on its own count',
      code: pool('dual-role', 1, '[controller, broker]'),
      files: { 'three.yaml': pool('dual-role', 3, '[controller, broker]') },
      errors: [
        { messageId: 'noQuorum', data: { count: 1, min: 3 }, line: 7 },
        { messageId: 'tooFew', data: { count: 1, min: 2 }, line: 7 },
      ],
    },
    {
      name: 'CloudNativePG defaults to one instance',
      code: cnpg('storage: { size: 1Gi }'),
      errors: [{ messageId: 'tooFew', data: { count: 1, members: 'PostgreSQL instance', min: 2 }, line: 2, column: 7 }],
    },
    { name: 'one CloudNativePG instance', code: cnpg('instances: 1'), errors: [{ messageId: 'tooFew', line: 7, column: 14 }] },
    {
      name: 'one Zalando instance',
      code: resource('acid.zalan.do/v1', 'postgresql', 'numberOfInstances: 1'),
      errors: [{ messageId: 'tooFew', data: { operator: 'Zalando Postgres Operator' }, line: 7, column: 22 }],
    },
    {
      name: 'a CloudNativePG cluster that is its own primary is judged',
      code: cnpg('instances: 1\nreplica:\n  primary: data\n  source: other'),
      errors: [{ messageId: 'tooFew', line: 7, column: 14 }],
    },
    {
      name: 'a Crunchy cluster with standby switched off is judged',
      code: resource('postgres-operator.crunchydata.com/v1beta1', 'PostgresCluster', 'standby:\n  enabled: false\ninstances:\n  - name: pg\n    replicas: 1'),
      errors: [{ messageId: 'tooFew', line: 11, column: 17 }],
    },
    {
      name: 'Crunchy instance sets sum to one replica',
      code: resource('postgres-operator.crunchydata.com/v1beta1', 'PostgresCluster', 'postgresVersion: 16\ninstances:\n  - name: instance1\n    dataVolumeClaimSpec: {}'),
      errors: [{ messageId: 'tooFew', data: { count: 1 }, line: 9, column: 13 }],
    },
    {
      name: 'Strimzi with one broker and two ZooKeeper nodes',
      code: strimzi('kafka:\n  replicas: 1\nzookeeper:\n  replicas: 2'),
      errors: [
        { messageId: 'tooFew', data: { members: 'Kafka broker' }, line: 8 },
        { messageId: 'noQuorum', data: { members: 'ZooKeeper node', count: 2, min: 3 }, line: 10 },
      ],
    },
    {
      name: 'Strimzi node pools with two controllers in all',
      code: pool('mixed', 2, '[controller, broker]'),
      errors: [{ messageId: 'noQuorum', data: { count: 2 }, line: 7, column: 13 }],
    },
    {
      name: 'Kafka Connect with one worker',
      code: resource('kafka.strimzi.io/v1beta2', 'KafkaConnect', 'replicas: 1'),
      errors: [{ messageId: 'tooFew', data: { count: 1, min: 2 }, line: 7, column: 13 }],
    },
    {
      name: 'MirrorMaker 2 with one worker',
      code: resource('kafka.strimzi.io/v1beta2', 'KafkaMirrorMaker2', 'replicas: 1'),
      errors: [{ messageId: 'tooFew', data: { count: 1, min: 2 }, line: 7, column: 13 }],
    },
    {
      name: 'a CloudNativePG pooler defaults to one PgBouncer instance',
      code: resource('postgresql.cnpg.io/v1', 'Pooler', 'cluster: { name: data }\ntype: rw'),
      errors: [{ messageId: 'tooFew', data: { count: 1, counted: 'PgBouncer instance(s)', min: 2 }, line: 2 }],
    },
    { name: 'RabbitMQ defaults to one node', code: resource('rabbitmq.com/v1beta1', 'RabbitmqCluster', 'image: rabbitmq:3.13'), errors: [{ messageId: 'noQuorum', line: 2 }] },
    { name: 'RabbitMQ with four nodes is an even quorum', code: resource('rabbitmq.com/v1beta1', 'RabbitmqCluster', 'replicas: 4'), errors: [{ messageId: 'evenQuorum', data: { odd: 3 }, line: 7 }] },
    {
      name: 'Elasticsearch with two master-eligible nodes',
      code: elastic('- name: default\n    count: 2'),
      errors: [{ messageId: 'tooFew', data: { members: 'master-eligible node', min: 3 }, line: 10 }],
    },
    {
      name: 'MongoDB with one member',
      code: resource('mongodbcommunity.mongodb.com/v1', 'MongoDBCommunity', 'members: 1\ntype: ReplicaSet'),
      errors: [
        { messageId: 'tooFew', data: { members: 'data-bearing replica set member' }, line: 7 },
        { messageId: 'noQuorum', line: 7 },
      ],
    },
    { name: 'one Prometheus replica by default', code: resource('monitoring.coreos.com/v1', 'Prometheus', 'retention: 15d'), errors: [{ messageId: 'tooFew', line: 2 }] },
    { name: 'one Alertmanager', code: resource('monitoring.coreos.com/v1', 'Alertmanager', 'replicas: 1'), errors: [{ messageId: 'tooFew', line: 7 }] },
    { name: 'one Thanos Ruler', code: resource('monitoring.coreos.com/v1', 'ThanosRuler', 'replicas: 1'), errors: [{ messageId: 'tooFew', line: 7 }] },
    { name: 'one LeaderWorkerSet group by default', code: resource('leaderworkerset.x-k8s.io/v1', 'LeaderWorkerSet', 'leaderWorkerTemplate: { size: 4 }'), errors: [{ messageId: 'tooFew', line: 2 }] },
    {
      name: 'Spotahome with two Sentinels',
      code: resource('databases.spotahome.com/v1', 'RedisFailover', 'sentinel:\n  replicas: 2\nredis:\n  replicas: 1'),
      errors: [
        { messageId: 'noQuorum', data: { members: 'Sentinel' }, line: 8 },
        { messageId: 'tooFew', data: { members: 'Redis replica' }, line: 10 },
      ],
    },
    { name: 'an OT RedisReplication of one node', code: resource('redis.redis.opstreelabs.in/v1beta2', 'RedisReplication', 'clusterSize: 1'), errors: [{ messageId: 'tooFew', line: 7 }] },
    { name: 'an OT RedisSentinel of two', code: resource('redis.redis.opstreelabs.in/v1beta2', 'RedisSentinel', 'clusterSize: 2'), errors: [{ messageId: 'noQuorum', line: 7 }] },
    { name: 'an OT RedisCluster of two leaders', code: resource('redis.redis.opstreelabs.in/v1beta2', 'RedisCluster', 'clusterSize: 2'), errors: [{ messageId: 'tooFew', data: { min: 3 }, line: 7 }] },
    {
      name: 'the nospof.dev/ignore annotation silences it',
      code: resource('postgresql.cnpg.io/v1', 'Cluster', 'instances: 1', 'annotations: { nospof.dev/ignore: "kubernetes/operator-members: scratch database" }'),
      errors: [{ messageId: 'tooFew', suppressed: true }],
    },
  ],
});
