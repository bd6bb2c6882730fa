// A generated monorepo in the four languages, shaped like a platform team's repository: per team,
// kustomize bases with staging and production overlays, plain manifest folders, Terraform modules called
// by per-environment roots, Jenkinsfiles per service, and GitHub workflows and composite actions under
// the repository's one `.github/`. Deterministic for a seed. Used by the scale bench and by the tests
// that compare incremental and sharded runs with a cold run (`randomEdit` changes it the way commits do).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { seeded } from './util.mjs';

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function podSpec(random, app, team) {
  const spread =
    random() < 0.6
      ? `      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: { app: ${app} }
`
      : '';
  const probes =
    random() < 0.8
      ? `          readinessProbe:
            httpGet: { path: /ready, port: http }
          livenessProbe:
            httpGet: { path: /healthz, port: http }
`
      : '';
  return `    metadata:
      labels: { app: ${app}, team: ${team} }
    spec:
${spread}      containers:
        - name: ${app}
          image: registry.example.com/${team}/${app}:1.${Math.floor(random() * 40)}.0
          ports: [{ containerPort: 8080, name: http }]
          env:
            - { name: LOG_LEVEL, value: info }
            - { name: TEAM, value: ${team} }
            - { name: APP, value: ${app} }
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef: { name: ${app}-db, key: url }
          envFrom:
            - configMapRef: { name: ${app}-config }
${probes}          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }
          securityContext:
            runAsNonRoot: true
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
          volumeMounts:
            - { name: tmp, mountPath: /tmp }
      volumes:
        - name: tmp
          emptyDir: {}
`;
}

// Each team deploys into its own namespace, as platform teams do: cross-object lookups stay per team.
function deployment(random, app, team, replicas) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${team}
  labels: { app: ${app}, team: ${team} }
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: ${app} }
  strategy:
    type: ${random() < 0.1 ? 'Recreate' : 'RollingUpdate'}
  template:
${podSpec(random, app, team)}`;
}

function service(app, team) {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${team}
  labels: { app: ${app} }
spec:
  selector: { app: ${app} }
  ports:
    - { port: 80, targetPort: http }
`;
}

function pdb(app, team) {
  return `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${app}
  namespace: ${team}
spec:
  maxUnavailable: 1
  selector:
    matchLabels: { app: ${app} }
`;
}

function hpa(random, app, team) {
  return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${app}
  namespace: ${team}
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${app} }
  minReplicas: ${1 + Math.floor(random() * 3)}
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
`;
}

/** A kustomize application: a base and two overlays that patch its replicas. */
function kustomizeApp(random, files, dir, app, team) {
  const withPdb = random() < 0.5;
  files.set(`${dir}/base/kustomization.yaml`, `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
  - service.yaml
${withPdb ? '  - pdb.yaml\n' : ''}commonLabels:
  team: ${team}
`);
  files.set(`${dir}/base/deployment.yaml`, deployment(random, app, team, 2));
  files.set(`${dir}/base/service.yaml`, service(app, team));
  if (withPdb) files.set(`${dir}/base/pdb.yaml`, pdb(app, team));
  for (const env of ['staging', 'prod']) {
    const replicas = env === 'prod' ? 2 + Math.floor(random() * 3) : 1 + Math.floor(random() * 2);
    files.set(`${dir}/overlays/${env}/kustomization.yaml`, `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${team}-${env}
resources:
  - ../../base
${env === 'prod' && random() < 0.5 ? '  - hpa.yaml\n' : ''}patches:
  - path: replicas.yaml
`);
    files.set(`${dir}/overlays/${env}/replicas.yaml`, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${team}
spec:
  replicas: ${replicas}
`);
    if (env === 'prod') files.set(`${dir}/overlays/${env}/hpa.yaml`, hpa(random, app, team));
  }
}

function configMap(random, app, team) {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
  namespace: ${team}
  labels: { app: ${app} }
data:
  FEATURE_FLAGS: "search,checkout-v${1 + Math.floor(random() * 3)}"
  CACHE_TTL_SECONDS: "${pick(random, [30, 60, 300])}"
  UPSTREAM_TIMEOUT_MS: "${pick(random, [500, 1000, 2500])}"
  application.yaml: |
    server:
      port: 8080
      shutdown: graceful
    management:
      endpoints: { web: { exposure: { include: health,info,prometheus } } }
`;
}

/** A plain manifest: a workload with what usually sits beside it, in one multi-document file. */
function plainManifest(random, app, team) {
  const docs = [configMap(random, app, team), deployment(random, app, team, 1 + Math.floor(random() * 4)), service(app, team)];
  if (random() < 0.5) docs.push(pdb(app, team));
  if (random() < 0.3) docs.push(hpa(random, app, team));
  return docs.join('---\n');
}

function databaseModule() {
  return `resource "aws_db_instance" "this" {
  identifier              = var.name
  engine                  = "postgres"
  instance_class          = var.instance_class
  allocated_storage       = 50
  multi_az                = var.multi_az
  backup_retention_period = var.backup_days
  skip_final_snapshot     = false
  tags                    = var.tags
}

resource "aws_elasticache_replication_group" "cache" {
  count                      = var.with_cache ? 1 : 0
  replication_group_id       = "\${var.name}-cache"
  description                = "cache for \${var.name}"
  node_type                  = "cache.t3.small"
  num_cache_clusters         = var.cache_nodes
  automatic_failover_enabled = var.cache_nodes > 1
  multi_az_enabled           = var.cache_nodes > 1
}
`;
}

function databaseVariables() {
  return `variable "name" {
  type = string
}

variable "instance_class" {
  type    = string
  default = "db.t3.medium"
}

variable "multi_az" {
  type    = bool
  default = true
}

variable "backup_days" {
  type    = number
  default = 7
}

variable "with_cache" {
  type    = bool
  default = false
}

variable "cache_nodes" {
  type    = number
  default = 2
}

variable "tags" {
  type    = map(string)
  default = {}
}
`;
}

function serviceModule() {
  return `resource "aws_launch_template" "this" {
  name_prefix   = var.name
  image_id      = var.image_id
  instance_type = var.instance_type
}

resource "aws_autoscaling_group" "this" {
  name                = var.name
  min_size            = var.min_size
  max_size            = var.max_size
  vpc_zone_identifier = var.subnet_ids

  launch_template {
    id      = aws_launch_template.this.id
    version = "$Latest"
  }
}

resource "aws_lb" "this" {
  name               = var.name
  load_balancer_type = "application"
  subnets            = var.subnet_ids
}
`;
}

function serviceVariables() {
  return `variable "name" {
  type = string
}

variable "image_id" {
  type    = string
  default = "ami-0123456789abcdef0"
}

variable "instance_type" {
  type    = string
  default = "t3.medium"
}

variable "min_size" {
  type    = number
  default = 2
}

variable "max_size" {
  type    = number
  default = 6
}

variable "subnet_ids" {
  type = list(string)
}
`;
}

function environmentRoot(random, team, env) {
  const prod = env === 'prod';
  const zones = prod ? 3 : 1 + Math.floor(random() * 2);
  const subnets = Array.from({ length: zones }, (_, z) => `"subnet-${team}-${env}-${z}"`).join(', ');
  return `terraform {
  required_version = ">= 1.5"
}

provider "aws" {
  region = "eu-west-1"
}

locals {
  name = "${team}-${env}"
  tags = { Team = "${team}", Environment = "${env}" }
}

module "database" {
  source         = "../../modules/database"
  name           = "\${local.name}-db"
  multi_az       = ${prod || random() < 0.3 ? 'true' : 'false'}
  backup_days    = ${prod ? 14 : pick(random, [1, 3, 7])}
  with_cache     = ${random() < 0.5}
  cache_nodes    = ${prod ? 2 : pick(random, [1, 2])}
  tags           = local.tags
}

module "service" {
  source     = "../../modules/service"
  name       = "\${local.name}-svc"
  min_size   = ${prod ? 2 + Math.floor(random() * 2) : 1}
  max_size   = 8
  subnet_ids = [${subnets}]
}

resource "aws_nat_gateway" "egress" {
  count     = var.nat_per_zone ? ${zones} : 1
  subnet_id = "subnet-public-\${count.index}"
}

resource "aws_efs_file_system" "shared" {
  creation_token         = "\${local.name}-shared"
  availability_zone_name = ${random() < 0.3 ? `"${ZONES[0]}"` : 'null'}
}

resource "aws_security_group" "service" {
  name        = "\${local.name}-service"
  description = "traffic to the ${team} service"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = local.tags
}

resource "aws_iam_role" "service" {
  name = "\${local.name}-service"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  tags = local.tags
}

output "database_endpoint" {
  value = module.database
}

output "service_name" {
  value = module.service
}
`;
}

function environmentVariables() {
  return `variable "nat_per_zone" {
  type    = bool
  default = true
}
`;
}

function jenkinsfile(random, team, svc) {
  const timeout = random() < 0.7 ? `    options {
        timeout(time: ${pick(random, [20, 30, 60])}, unit: 'MINUTES')
        buildDiscarder(logRotator(numToKeepStr: '20'))
    }
` : '';
  const notify = random() < 0.6 ? `    post {
        failure {
            slackSend channel: '#${team}-alerts', message: "Build failed: \${env.JOB_NAME} #\${env.BUILD_NUMBER}"
        }
    }
` : '';
  return `pipeline {
    agent { label '${pick(random, ['linux', 'linux && docker', 'build-pool'])}' }
${timeout}    environment {
        SERVICE = '${svc}'
        REGISTRY = 'registry.example.com/${team}'
    }
    stages {
        stage('Lint') {
            steps {
                sh 'make lint SERVICE=${svc}'
            }
        }
        stage('Build') {
            steps {
                sh 'make build SERVICE=${svc}'
                sh "docker build -t \${REGISTRY}/${svc}:\${env.GIT_COMMIT} ."
            }
        }
        stage('Security scan') {
            steps {
                sh "trivy image --exit-code 1 \${REGISTRY}/${svc}:\${env.GIT_COMMIT}"
            }
        }
        stage('Test') {
            steps {
                sh 'make test SERVICE=${svc}'
                junit 'reports/**/*.xml'
            }
        }
        stage('Deploy') {
            when { branch 'main' }
            steps {
                sh './scripts/deploy.sh ${team} ${svc}'
            }
        }
    }
${notify}}
`;
}

function workflow(random, team) {
  const timeout = random() < 0.7 ? `    timeout-minutes: ${pick(random, [15, 30, 45])}\n` : '';
  return `name: ${team} ci
on:
  push:
    branches: [main]
    paths: ['teams/${team}/**']
  pull_request:
    paths: ['teams/${team}/**']
jobs:
  build:
    runs-on: ${pick(random, ['ubuntu-latest', 'ubuntu-22.04', '[self-hosted, linux]'])}
${timeout}    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/actions/${team}-setup
      - run: make -C teams/${team} build
      - run: make -C teams/${team} test
  scan:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
      - uses: aquasecurity/trivy-action@0.24.0
        with:
          scan-type: fs
          scan-ref: teams/${team}
`;
}

function deployWorkflow(random, team) {
  return `name: ${team} deploy
on:
  workflow_dispatch:
  push:
    branches: [main]
    paths: ['teams/${team}/k8s/**']
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
${random() < 0.6 ? `    concurrency:\n      group: ${team}-deploy\n      cancel-in-progress: false\n` : ''}    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4
      - run: kubectl apply -k teams/${team}/k8s/apps
${random() < 0.5 ? `      - if: failure()
        uses: slackapi/slack-github-action@v1.26.0
        with:
          channel-id: ${team}-alerts
          slack-message: deploy failed
        env:
          SLACK_BOT_TOKEN: \${{ secrets.SLACK_BOT_TOKEN }}
` : ''}`;
}

function setupAction(team) {
  return `name: ${team} setup
description: tools for ${team}
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version: 20
    - run: npm ci --prefix teams/${team}
      shell: bash
`;
}

/** About 66 files per team; `files` is the approximate total. */
export function generateMonorepo({ files = 5000, seed = 1 } = {}) {
  const random = seeded(seed);
  const out = new Map();
  const teams = Math.max(1, Math.round(files / 66));
  for (let t = 0; t < teams; t++) {
    const team = `team-${String(t).padStart(3, '0')}`;
    const root = `teams/${team}`;
    for (let a = 0; a < 4; a++) kustomizeApp(random, out, `${root}/k8s/apps/app-${a}`, `${team}-app-${a}`, team);
    for (let p = 0; p < 12; p++) out.set(`${root}/k8s/plain/svc-${p}.yaml`, plainManifest(random, `${team}-svc-${p}`, team));
    out.set(`${root}/terraform/modules/database/main.tf`, databaseModule());
    out.set(`${root}/terraform/modules/database/variables.tf`, databaseVariables());
    out.set(`${root}/terraform/modules/service/main.tf`, serviceModule());
    out.set(`${root}/terraform/modules/service/variables.tf`, serviceVariables());
    for (const env of ['dev', 'staging', 'prod']) {
      out.set(`${root}/terraform/envs/${env}/main.tf`, environmentRoot(random, team, env));
      out.set(`${root}/terraform/envs/${env}/variables.tf`, environmentVariables());
      out.set(`${root}/terraform/envs/${env}/terraform.tfvars`, `nat_per_zone = ${env === 'prod' || random() < 0.4}\n`);
    }
    for (let s = 0; s < 8; s++) out.set(`${root}/services/svc-${s}/Jenkinsfile`, jenkinsfile(random, team, `svc-${s}`));
    out.set(`.github/workflows/${team}-ci.yml`, workflow(random, team));
    out.set(`.github/workflows/${team}-deploy.yml`, deployWorkflow(random, team));
    out.set(`.github/actions/${team}-setup/action.yml`, setupAction(team));
  }
  return out;
}

/** Writes the files under `root` (emptied first), with a `.git` marker so `root` is a repository. */
export function writeTree(root, files, config = 'extends: [nospof:strict]\n') {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, '.git'), { recursive: true });
  writeFileSync(join(root, '.nospof.yaml'), config);
  for (const [path, text] of files) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

/** One value edit in a file of any of the four languages, the kind a commit makes. */
function editText(random, path, text) {
  const swaps = [
    [/replicas: (\d+)/, (m) => `replicas: ${(Number(m[1]) % 4) + 1}`],
    [/minReplicas: (\d+)/, (m) => `minReplicas: ${(Number(m[1]) % 3) + 1}`],
    [/multi_az {15}= (true|false)/, (m) => `multi_az       = ${m[1] === 'true' ? 'false' : 'true'}`],
    [/min_size {3}= (\d+)/, (m) => `min_size   = ${(Number(m[1]) % 3) + 1}`],
    [/cache_nodes {4}= (\d+)/, (m) => `cache_nodes    = ${(Number(m[1]) % 2) + 1}`],
    [/timeout-minutes: (\d+)/, (m) => `timeout-minutes: ${Number(m[1]) + 5}`],
    [/timeout\(time: (\d+)/, (m) => `timeout(time: ${Number(m[1]) + 10}`],
    [/ {10}readinessProbe:\n {12}httpGet: \{ path: \/ready, port: http \}\n/, () => ''],
    [/nat_per_zone = (true|false)/, (m) => `nat_per_zone = ${m[1] === 'true' ? 'false' : 'true'}`],
  ];
  const applicable = swaps.filter(([pattern]) => pattern.test(text));
  if (applicable.length > 0 && random() < 0.85) {
    const [pattern, replace] = pick(random, applicable);
    return text.replace(pattern, (...m) => replace(m));
  }
  const comment = path.endsWith('Jenkinsfile') ? '//' : '#';
  return `${text}${comment} edited ${Math.floor(random() * 1e6)}\n`;
}

/**
 * One random change to the repository, as commits make them: mostly a value edited in one file,
 * sometimes a file added, deleted, or a kustomization's or a module call's structure changed.
 * Returns what it did, for test messages.
 */
export function randomEdit(random, files) {
  const paths = [...files.keys()].sort();
  const roll = random();
  if (roll < 0.1) {
    const dirs = paths.filter((p) => p.includes('/k8s/plain/'));
    const dir = dirname(pick(random, dirs));
    const name = `${dir}/added-${Math.floor(random() * 1e6)}.yaml`;
    files.set(name, plainManifest(random, `added-${Math.floor(random() * 1e6)}`, 'team-new'));
    return `added ${name}`;
  }
  if (roll < 0.18) {
    const path = pick(random, paths);
    files.delete(path);
    return `deleted ${path}`;
  }
  if (roll < 0.25) {
    const overlays = paths.filter((p) => /overlays\/prod\/kustomization\.yaml$/.test(p));
    const path = pick(random, overlays);
    const text = files.get(path);
    files.set(path, text.includes('  - hpa.yaml\n') ? text.replace('  - hpa.yaml\n', '') : text.replace('  - ../../base\n', '  - ../../base\n  - hpa.yaml\n'));
    return `restructured ${path}`;
  }
  if (roll < 0.3) {
    const roots = paths.filter((p) => /terraform\/envs\/[^/]+\/main\.tf$/.test(p));
    const path = pick(random, roots);
    const text = files.get(path);
    files.set(path, text.replace('source     = "../../modules/service"', 'source     = "../../modules/database"'));
    return `rewired ${path}`;
  }
  const path = pick(random, paths);
  files.set(path, editText(random, path, files.get(path)));
  return `edited ${path}`;
}
