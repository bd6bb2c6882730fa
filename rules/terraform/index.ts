import type { AnyRule } from '@nospof/core';
import awsAsgMultiAz from './aws-asg-multi-az.js';
import awsCloudfrontOriginFailover from './aws-cloudfront-origin-failover.js';
import awsDbBackupRetention from './aws-db-backup-retention.js';
import awsDbMultiAz from './aws-db-multi-az.js';
import awsDynamodbGlobal from './aws-dynamodb-global.js';
import awsDynamodbPitr from './aws-dynamodb-pitr.js';
import awsEcsServiceCount from './aws-ecs-service-count.js';
import awsEfsOneZone from './aws-efs-one-zone.js';
import awsEksNodeGroup from './aws-eks-node-group.js';
import awsElasticacheFailover from './aws-elasticache-failover.js';
import awsElasticacheSingleNode from './aws-elasticache-single-node.js';
import awsLbHealthCheck from './aws-lb-health-check.js';
import awsLbMultiAz from './aws-lb-multi-az.js';
import awsMqSingleInstance from './aws-mq-single-instance.js';
import awsMskBrokers from './aws-msk-brokers.js';
import awsNatGatewayPerAz from './aws-nat-gateway-per-az.js';
import awsOpensearchZoneAwareness from './aws-opensearch-zone-awareness.js';
import awsRdsClusterInstances from './aws-rds-cluster-instances.js';
import awsRedshiftSingleNode from './aws-redshift-single-node.js';
import awsRoute53FailoverHealthCheck from './aws-route53-failover-health-check.js';
import awsS3Replication from './aws-s3-replication.js';
import awsS3Versioning from './aws-s3-versioning.js';
import awsSingleInstance from './aws-single-instance.js';
import evaluationBudget from './evaluation-budget.js';
import azureAksZones from './azure-aks-zones.js';
import azureAppServicePlan from './azure-app-service-plan.js';
import azureCosmosdbMultiRegion from './azure-cosmosdb-multi-region.js';
import azureDbHa from './azure-db-ha.js';
import azureLbSku from './azure-lb-sku.js';
import azureRedisSku from './azure-redis-sku.js';
import azureSqlZoneRedundant from './azure-sql-zone-redundant.js';
import azureStorageReplication from './azure-storage-replication.js';
import azureVmZones from './azure-vm-zones.js';
import azureVnetSingleDns from './azure-vnet-single-dns.js';
import datadogMonitorNotify from './datadog-monitor-notify.js';
import gcpBucketLocation from './gcp-bucket-location.js';
import gcpFilestoreTier from './gcp-filestore-tier.js';
import gcpGkeNodePool from './gcp-gke-node-pool.js';
import gcpGkeRegional from './gcp-gke-regional.js';
import gcpInstanceGroup from './gcp-instance-group.js';
import gcpRedisTier from './gcp-redis-tier.js';
import gcpSqlBackups from './gcp-sql-backups.js';
import gcpSqlHa from './gcp-sql-ha.js';

/** Every Terraform rule: AWS, Azure and Google Cloud. */
export const terraformRules: readonly AnyRule[] = [
  awsAsgMultiAz,
  awsCloudfrontOriginFailover,
  awsDbBackupRetention,
  awsDbMultiAz,
  awsDynamodbGlobal,
  awsDynamodbPitr,
  awsEcsServiceCount,
  awsEfsOneZone,
  awsEksNodeGroup,
  awsElasticacheFailover,
  awsElasticacheSingleNode,
  awsLbHealthCheck,
  awsLbMultiAz,
  awsMqSingleInstance,
  awsMskBrokers,
  awsNatGatewayPerAz,
  awsOpensearchZoneAwareness,
  awsRdsClusterInstances,
  awsRedshiftSingleNode,
  awsRoute53FailoverHealthCheck,
  awsS3Replication,
  awsS3Versioning,
  awsSingleInstance,
  azureAksZones,
  azureAppServicePlan,
  azureCosmosdbMultiRegion,
  azureDbHa,
  azureLbSku,
  azureRedisSku,
  azureSqlZoneRedundant,
  azureStorageReplication,
  azureVmZones,
  azureVnetSingleDns,
  evaluationBudget,
  gcpBucketLocation,
  gcpFilestoreTier,
  gcpGkeNodePool,
  gcpGkeRegional,
  gcpInstanceGroup,
  gcpRedisTier,
  gcpSqlBackups,
  gcpSqlHa,
  datadogMonitorNotify,
];
