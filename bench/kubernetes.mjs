// Kubernetes: nospof's whole lint (parse, model, index, every rule, suppressions) against a bare
// yaml.parseAllDocuments of the same bytes, measured in the same process. Target: at most 1.3x.
import { parseAllDocuments } from 'yaml';
import { Config } from '../packages/core/dist/index.js';
import { allRules, createLinter } from '../packages/cli/dist/index.js';
import { median, mb, seeded } from './util.mjs';

function manifest(random, i) {
  const name = `svc-${i}`;
  const replicas = 1 + Math.floor(random() * 4);
  const docs = [
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: team-${i % 7}
  labels: { app: ${name}, tier: ${random() < 0.5 ? 'web' : 'worker'} }
  annotations:
    owner: "team-${i % 7}@example.com"
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: ${name} }
  strategy:
    type: ${random() < 0.1 ? 'Recreate' : 'RollingUpdate'}
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      ${random() < 0.6 ? `topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector: { matchLabels: { app: ${name} } }` : 'serviceAccountName: default'}
      containers:
        - name: app
          image: registry.example.com/${name}:1.${i % 30}.0
          ports: [{ containerPort: 8080, name: http }]
          env:
            - { name: LOG_LEVEL, value: info }
            - { name: DB_HOST, value: db.team-${i % 7}.svc }
          ${random() < 0.8 ? `readinessProbe:
            httpGet: { path: /ready, port: http }
          livenessProbe:
            httpGet: { path: /healthz, port: http }` : 'stdin: false'}
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }`,
    `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: team-${i % 7} }
spec:
  selector: { app: ${name} }
  ports: [{ port: 80, targetPort: http }]`,
  ];
  if (random() < 0.5) {
    docs.push(`apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: ${name}, namespace: team-${i % 7} }
spec:
  maxUnavailable: 1
  selector: { matchLabels: { app: ${name} } }`);
  }
  if (random() < 0.3) {
    docs.push(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: ${name}, namespace: team-${i % 7} }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${name} }
  minReplicas: ${1 + Math.floor(random() * 3)}
  maxReplicas: 10`);
  }
  return `${docs.join('\n---\n')}\n`;
}

export function corpus(files = 2000) {
  const random = seeded(42);
  return Array.from({ length: files }, (_, i) => ({ path: `k8s/team-${i % 7}/svc-${i}.yaml`, text: manifest(random, i) }));
}

export function run() {
  const files = corpus();
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const config = Config.build({ extends: 'nospof:strict' }, undefined, '', allRules, () => {
    throw new Error('unreachable');
  });
  const resolved = config.resolve('k8s/x.yaml');
  const bare = median(() => {
    for (const f of files) parseAllDocuments(f.text);
  });
  let findings = 0;
  const whole = median(() => {
    // A fresh linter each run: no parse cache carried over, as in a CLI run.
    const run = createLinter().lint({ files, configFor: () => resolved });
    findings = run.results.reduce((n, r) => n + r.findings.length, 0);
  });
  return { files: files.length, megabytes: mb(bytes), bareMs: bare, nospofMs: whole, ratio: whole / bare, findings };
}

export function report(r) {
  return [
    `kubernetes: ${r.files} files, ${r.megabytes.toFixed(1)} MB, ${r.findings} findings`,
    `  yaml.parseAllDocuments  ${r.bareMs.toFixed(0)} ms  (${(r.megabytes / (r.bareMs / 1000)).toFixed(1)} MB/s)`,
    `  nospof whole lint       ${r.nospofMs.toFixed(0)} ms  (${(r.megabytes / (r.nospofMs / 1000)).toFixed(1)} MB/s)`,
    `  ratio nospof / bare parse: ${r.ratio.toFixed(2)}x  (target <= 1.30x)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(report(run()));
