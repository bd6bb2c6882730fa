import type { ToolSignature } from './types.js';

/** A target a job creates for itself (a throw-away cluster, a cloud emulator): deploying to it is a test. */
export interface LocalTargetSignature extends ToolSignature {
  /** The deploy tools (names in `deployTools`) whose commands reach this target instead of a real one. */
  readonly covers: readonly string[];
}

const CLUSTER = ['kubernetes'];

/**
 * Clusters and emulators made inside a job: `kind create cluster`, k3d, minikube, k3s, microk8s,
 * LocalStack. A job that makes one and then runs `kubectl apply` is testing manifests, not deploying them.
 */
export const localTargets: readonly LocalTargetSignature[] = [
  {
    name: 'kind',
    title: 'kind',
    actions: ['helm/kind-action', 'container-tools/kind-action', 'engineerd/setup-kind', 'redhat-actions/kind-action'],
    commands: ['kind create cluster', 'ctlptl create cluster', 'ctlptl apply'],
    images: ['kindest/node'],
    covers: CLUSTER,
  },
  {
    name: 'k3d',
    title: 'k3d',
    actions: ['absaoss/k3d-action', 'nolar/setup-k3d-k3s', 'rinx/setup-k3d'],
    commands: ['k3d cluster create'],
    covers: CLUSTER,
  },
  {
    name: 'minikube',
    title: 'minikube',
    actions: ['medyagh/setup-minikube', 'manusa/actions-setup-minikube', 'opsgang/ga-setup-minikube'],
    commands: ['minikube start'],
    covers: CLUSTER,
  },
  {
    name: 'k3s',
    title: 'k3s',
    actions: ['debianmaster/actions-k3s', 'jupyterhub/action-k3s-helm'],
    urls: ['get.k3s.io'],
    images: ['rancher/k3s'],
    covers: CLUSTER,
  },
  { name: 'microk8s', title: 'MicroK8s', actions: ['balchua/microk8s-actions'], commands: ['microk8s start', 'snap install microk8s'], covers: CLUSTER },
  { name: 'kwok', title: 'kwok', commands: ['kwokctl create cluster'], covers: CLUSTER },
  { name: 'vcluster', title: 'vcluster (ephemeral)', commands: ['vcluster create'], covers: CLUSTER },
  { name: 'swarm', title: 'Docker Swarm (made in the job)', commands: ['docker swarm init'], covers: ['orchestrators'] },
  { name: 'nomad-dev', title: 'Nomad dev agent', commands: ['nomad agent'], covers: ['orchestrators'] },
  {
    name: 'localstack',
    title: 'LocalStack',
    actions: ['localstack/setup-localstack'],
    commands: ['localstack start'],
    images: ['localstack/localstack', 'localstack/localstack-pro'],
    covers: ['aws', 'terraform'],
  },
];
