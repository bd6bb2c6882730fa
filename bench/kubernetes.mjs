// Kubernetes: nospof's whole lint (parse, model, units, kustomize rendering, index, every rule under
// nospof:strict, suppressions) against a bare yaml.parseAllDocuments of the same bytes, measured in the
// same process. The corpus is shaped like real repositories and generated deterministically: many small
// manifests (some in kustomize overlays), a few CustomResourceDefinitions of several thousand lines and
// two install bundles of about 30,000 lines. Target: at most 0.8x.
//
// Then the editor case: re-linting the largest bundle after a one-line edit at its top, middle and end,
// with a YAML cache owned by the linter's host, against linting it cold.
import { parseAllDocuments } from 'yaml';
import { Config, Linter } from '../packages/core/dist/index.js';
import { createKubernetesLanguage } from '../packages/kubernetes/dist/index.js';
import { YamlCache } from '../packages/yaml/dist/index.js';
import { allRules, createLinter, languages } from '../packages/cli/dist/index.js';
import { builtinRules } from '../rules/dist/index.js';
import { mb, seeded } from './util.mjs';

const TARGET = 0.8;

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

const WORDS = 'the of a to in is for that on with as by be this are from or an it which at defines specifies field value object resource when if must may should will not can used name of list set selector label pod node container'.split(' ');

function sentence(random, words) {
  return Array.from({ length: words }, () => pick(random, WORDS)).join(' ');
}

/** A small application: Deployment, Service, maybe PDB and HPA, in one or several files. */
function app(random, name, namespace) {
  const replicas = 1 + Math.floor(random() * 4);
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: shop
  annotations:
    owner: "${namespace}@example.com"
spec:
  replicas: ${replicas}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  strategy:
    type: ${random() < 0.1 ? 'Recreate' : 'RollingUpdate'}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
        app.kubernetes.io/part-of: shop
    spec:
      serviceAccountName: ${name}
      ${
        random() < 0.6
          ? `topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app.kubernetes.io/name: ${name}`
          : 'terminationGracePeriodSeconds: 30'
      }
      securityContext:
        runAsNonRoot: true
        fsGroup: 2000
      containers:
        - name: app
          image: "registry.example.com/${name}:1.${Math.floor(random() * 30)}.0"
          imagePullPolicy: IfNotPresent
          args:
            - --port=8080
            - --log-level=info
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          env:
            - name: LOG_LEVEL
              value: info
            - name: DB_HOST
              value: db.${namespace}.svc.cluster.local
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
          ${
            random() < 0.8
              ? `readinessProbe:
            httpGet:
              path: /ready
              port: http
            periodSeconds: 10
          livenessProbe:
            httpGet:
              path: /healthz
              port: http`
              : 'stdin: false'
          }
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
          volumeMounts:
            - name: config
              mountPath: /etc/${name}
              readOnly: true
      volumes:
        - name: config
          configMap:
            name: ${name}
`;
  const service = `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
  const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: ${namespace}
data:
  config.yaml: |
    server:
      port: 8080
      timeout: 30s
    features:
      - ${sentence(random, 3)}
      - ${sentence(random, 3)}
`;
  const docs = [deployment, service, configMap];
  if (random() < 0.5) {
    docs.push(`apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
`);
  }
  if (random() < 0.3) {
    docs.push(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${name}
  minReplicas: ${1 + Math.floor(random() * 3)}
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`);
  }
  return docs;
}

/** A schema property as controller-gen writes it, with descriptions old-style (folded quotes) or new (|-). */
function schema(random, depth, indent, style) {
  const pad = ' '.repeat(indent);
  const lines = [];
  const count = depth === 0 ? 0 : 3 + Math.floor(random() * 5);
  for (let i = 0; i < count; i++) {
    const name = `${pick(random, WORDS)}${pick(random, WORDS).replace(/^./, (c) => c.toUpperCase())}${i}`;
    lines.push(`${pad}${name}:`);
    const text = sentence(random, 18 + Math.floor(random() * 30));
    if (style === 'block') {
      lines.push(`${pad}  description: |-`);
      for (let at = 0; at < text.length; at += 70) lines.push(`${pad}    ${text.slice(at, at + 70).trim()}`);
    } else if (style === 'quoted') {
      const words = text.split(' ');
      lines.push(`${pad}  description: '${words.slice(0, 8).join(' ')}`);
      for (let at = 8; at < words.length; at += 10) lines.push(`${pad}    ${words.slice(at, at + 10).join(' ')}${at + 10 >= words.length ? "'" : ''}`);
      if (words.length <= 8) lines[lines.length - 1] += "'";
    } else {
      const words = text.split(' ');
      lines.push(`${pad}  description: ${words.slice(0, 8).join(' ')}`);
      for (let at = 8; at < words.length; at += 10) lines.push(`${pad}    ${words.slice(at, at + 10).join(' ')}`);
    }
    const kind = depth > 1 && random() < 0.5 ? 'object' : pick(random, ['string', 'integer', 'boolean', 'array', 'intstr']);
    if (kind === 'object') {
      lines.push(`${pad}  properties:`);
      lines.push(...schema(random, depth - 1, indent + 4, style));
      lines.push(`${pad}  type: object`);
    } else if (kind === 'array') {
      lines.push(`${pad}  items:`, `${pad}    type: string`, `${pad}  type: array`);
    } else if (kind === 'intstr') {
      lines.push(`${pad}  anyOf:`, `${pad}  - type: integer`, `${pad}  - type: string`, `${pad}  x-kubernetes-int-or-string: true`);
    } else {
      lines.push(`${pad}  type: ${kind}`);
      if (kind === 'string' && random() < 0.3) lines.push(`${pad}  enum:`, `${pad}  - Always`, `${pad}  - Never`, `${pad}  - IfNotPresent`);
    }
  }
  return lines;
}

function crd(random, group, kind, style, depth) {
  const plural = `${kind.toLowerCase()}s`;
  return [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata:',
    '  annotations:',
    '    controller-gen.kubebuilder.io/version: v0.14.0',
    `  name: ${plural}.${group}`,
    'spec:',
    `  group: ${group}`,
    '  names:',
    `    kind: ${kind}`,
    `    listKind: ${kind}List`,
    `    plural: ${plural}`,
    `    singular: ${kind.toLowerCase()}`,
    '  scope: Namespaced',
    '  versions:',
    '  - name: v1',
    '    schema:',
    '      openAPIV3Schema:',
    `        description: ${kind} is the Schema for the ${plural} API`,
    '        properties:',
    '          spec:',
    '            properties:',
    ...schema(random, depth, 14, style),
    '            type: object',
    '        type: object',
    '    served: true',
    '    storage: true',
    '    subresources:',
    '      status: {}',
    '',
  ].join('\n');
}

function rbac(random, name, namespace) {
  return [
    `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n`,
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\nrules:\n- apiGroups:\n  - ""\n  resources:\n  - pods\n  - services\n  - endpoints\n  verbs:\n  - get\n  - list\n  - watch\n- apiGroups:\n  - apps\n  resources:\n  - deployments\n  verbs: ["get", "list", "watch", "update", "patch"]\n`,
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ${name}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${name}\nsubjects:\n- kind: ServiceAccount\n  name: ${name}\n  namespace: ${namespace}\n`,
  ];
}

/** An install bundle like those operators publish: CRDs, RBAC, controllers, webhooks, in one file. */
function bundle(random, name, lines) {
  const docs = [];
  let count = 0;
  let i = 0;
  while (count < lines) {
    const roll = random();
    let added;
    if (roll < 0.12) added = [crd(random, `${name}.example.io`, `Thing${i}`, pick(random, ['block', 'quoted', 'plain']), 3)];
    else if (roll < 0.5) added = rbac(random, `${name}-${i}`, name);
    else added = app(random, `${name}-controller-${i}`, name);
    for (const doc of added) {
      docs.push(`# Source: ${name}/templates/part-${i}.yaml\n${doc}`);
      count += doc.split('\n').length;
    }
    i++;
  }
  return `---\n${docs.join('---\n')}`;
}

export function corpus() {
  const random = seeded(42);
  const files = [];
  // Plain manifests: ~1,100 files, one app per folder (some split over several files).
  for (let i = 0; i < 700; i++) {
    const dir = `apps/team-${i % 9}/svc-${i}`;
    const docs = app(random, `svc-${i}`, `team-${i % 9}`);
    if (random() < 0.4) docs.forEach((doc, j) => files.push({ path: `${dir}/${['deployment', 'service', 'configmap', 'pdb', 'hpa'][j]}.yaml`, text: doc }));
    else files.push({ path: `${dir}/all.yaml`, text: `${docs.join('---\n')}` });
  }
  // Kustomize: bases with two overlays each.
  for (let i = 0; i < 60; i++) {
    const root = `gitops/app-${i}`;
    const docs = app(random, `app-${i}`, 'default');
    files.push({ path: `${root}/base/kustomization.yaml`, text: 'resources:\n  - app.yaml\n' });
    files.push({ path: `${root}/base/app.yaml`, text: docs.join('---\n') });
    for (const [env, replicas] of [['staging', 1], ['production', 3]]) {
      files.push({
        path: `${root}/overlays/${env}/kustomization.yaml`,
        text: `namespace: ${env}\nnamePrefix: ${env}-\nresources:\n  - ../../base\nlabels:\n  - pairs: { env: ${env} }\n    includeSelectors: true\npatches:\n  - path: replicas.yaml\n`,
      });
      files.push({ path: `${root}/overlays/${env}/replicas.yaml`, text: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: ${replicas}\n` });
    }
  }
  // Large CustomResourceDefinitions of several thousand lines.
  for (const [i, style] of ['block', 'quoted', 'plain', 'block', 'quoted', 'block'].entries()) {
    files.push({ path: `crds/widget-${i}.yaml`, text: crd(random, 'widgets.example.com', `Widget${i}`, style, 6) });
  }
  // Install bundles of about 30,000 lines.
  files.push({ path: 'vendor/operator-a/install.yaml', text: bundle(random, 'operator-a', 30_000) });
  files.push({ path: 'vendor/operator-b/install.yaml', text: bundle(random, 'operator-b', 33_000) });
  return files;
}

/** Wall time of `fn`, median of `runs` after one warm-up (the edit case: one file, mostly one thread). */
function median(fn, runs) {
  fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function strictConfig() {
  const config = Config.build({ extends: 'nospof:strict' }, undefined, '', allRules, () => {
    throw new Error('unreachable');
  });
  return config.resolve('k8s/x.yaml');
}

/** Re-linting the largest bundle after a one-line edit, with a YAML cache, against a cold lint. */
function editCase(files, resolved) {
  const big = files.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const lines = big.text.split('\n');
  const editAt = (fraction) => {
    // A comment line inserted before a document marker: every document after it moves.
    let at = Math.floor(lines.length * fraction);
    while (at > 0 && lines[at] !== '---') at--;
    return [...lines.slice(0, at), `# edited ${fraction}`, ...lines.slice(at)].join('\n');
  };
  const cold = median(() => {
    createLinter().lint({ files: [big], configFor: () => resolved });
  }, 3);
  const result = { file: big.path, lines: lines.length, coldMs: cold, edits: {} };
  for (const [name, fraction] of [
    ['top', 0.01],
    ['middle', 0.5],
    ['end', 0.99],
  ]) {
    const others = languages.filter((l) => l.id !== 'kubernetes');
    let variant = 0;
    result.edits[name] = medianOf(() => {
      // A host with its own YAML cache, warmed by the file as it was before the edit.
      const linter = new Linter([...others, createKubernetesLanguage({ yamlCache: new YamlCache() })], builtinRules);
      linter.lint({ files: [big], configFor: () => resolved });
      variant++;
      const edited = { path: big.path, text: `${editAt(fraction)}${'\n'.repeat(variant % 2)}` };
      const start = performance.now();
      linter.lint({ files: [edited], configFor: () => resolved });
      return performance.now() - start;
    }, 3);
  }
  return result;
}

/** Median of what `fn` returns (a time it measures itself), after one warm-up. */
function medianOf(fn, runs) {
  fn();
  const values = [];
  for (let i = 0; i < runs; i++) values.push(fn());
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
}

/** Wall and CPU time (user + system, all threads of the process, so garbage collection counts) in ms. */
function time(fn) {
  const start = process.cpuUsage();
  const wall = performance.now();
  fn();
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / 1000, wall: performance.now() - wall };
}

function middle(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function run(rounds = 5) {
  const files = corpus();
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const resolved = strictConfig();
  let findings = 0;
  const bareRun = () => {
    for (const f of files) parseAllDocuments(f.text);
  };
  // A fresh linter each run: no parse cache carried over, as in a CLI run.
  const nospofRun = () => {
    const run = createLinter().lint({ files, configFor: () => resolved });
    findings = run.results.reduce((n, r) => n + r.findings.length, 0);
  };
  bareRun();
  nospofRun();
  // Interleaved round by round, so a machine shared with other work slows both sides alike; CPU time is
  // the steadier measure there, wall time is reported beside it.
  const bare = [];
  const nospof = [];
  for (let i = 0; i < rounds; i++) {
    bare.push(time(bareRun));
    nospof.push(time(nospofRun));
  }
  const edit = editCase(files, resolved);
  return {
    files: files.length,
    megabytes: mb(bytes),
    bareMs: middle(bare.map((t) => t.cpu)),
    nospofMs: middle(nospof.map((t) => t.cpu)),
    ratio: middle(bare.map((t, i) => nospof[i].cpu / t.cpu)),
    wallRatio: middle(bare.map((t, i) => nospof[i].wall / t.wall)),
    findings,
    edit,
  };
}

export function report(r) {
  const e = r.edit;
  return [
    `kubernetes: ${r.files} files, ${r.megabytes.toFixed(1)} MB (many small manifests, kustomize overlays, CRDs of thousands of lines, 30,000-line bundles), ${r.findings} findings`,
    `  yaml.parseAllDocuments  ${r.bareMs.toFixed(0)} ms CPU  (${(r.megabytes / (r.bareMs / 1000)).toFixed(1)} MB/s)`,
    `  nospof whole strict run ${r.nospofMs.toFixed(0)} ms CPU  (${(r.megabytes / (r.nospofMs / 1000)).toFixed(1)} MB/s)`,
    `  ratio nospof / bare parse: ${r.ratio.toFixed(2)}x CPU, ${r.wallRatio.toFixed(2)}x wall  (target <= ${TARGET.toFixed(2)}x)`,
    `  re-lint ${e.file} (${e.lines} lines) after a one-line edit, with a YAML cache: top ${e.edits.top.toFixed(0)} ms, middle ${e.edits.middle.toFixed(0)} ms, end ${e.edits.end.toFixed(0)} ms; cold lint ${e.coldMs.toFixed(0)} ms`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(report(run()));
