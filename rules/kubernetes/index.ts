import type { AnyRule } from '@nospof/core';
import danglingReference from './dangling-reference.js';
import hpaMinReplicas from './hpa-min-replicas.js';
import minReplicas from './min-replicas.js';
import noBarePod from './no-bare-pod.js';
import noHostpathData from './no-hostpath-data.js';
import noNodePinning from './no-node-pinning.js';
import operatorMembers from './operator-members.js';
import pdbAllowsEviction from './pdb-allows-eviction.js';
import requireLivenessProbe from './require-liveness-probe.js';
import requirePdb from './require-pdb.js';
import requireReadinessProbe from './require-readiness-probe.js';
import requireSpread from './require-spread.js';
import rollingUpdate from './rolling-update.js';
import rwoVolumeReplicas from './rwo-volume-replicas.js';
import zoneSpread from './zone-spread.js';

export const kubernetesRules: readonly AnyRule[] = [
  minReplicas,
  requirePdb,
  pdbAllowsEviction,
  requireSpread,
  zoneSpread,
  requireReadinessProbe,
  requireLivenessProbe,
  noBarePod,
  noNodePinning,
  rollingUpdate,
  hpaMinReplicas,
  danglingReference,
  rwoVolumeReplicas,
  noHostpathData,
  operatorMembers,
];
