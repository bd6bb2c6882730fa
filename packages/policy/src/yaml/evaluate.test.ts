import { describe, expect, it } from 'vitest';
import { policyFindings } from '../findings.js';
import { manifestUnits } from '../test-support/manifest-units.js';
import { unit } from '../test-support/units.js';
import { evaluateYamlPolicies } from './evaluate.js';
import { loadPolicyFile } from './load.js';

function policies(body: string) {
  return loadPolicyFile(`policies:\n${body}`, 'policy.yaml').policies;
}

function manifests(text: string) {
  const [built] = manifestUnits('kubernetes', [{ path: 'app.yaml', text }]);
  if (!built) throw new Error('no resources');
  return built;
}

const deployment = (name: string, replicas: string, extra = '') => `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: payments
spec:
${replicas ? `  replicas: ${replicas}\n` : ''}  template:
    metadata:
      labels: { app: ${name}, tier: web }
${extra}`;

describe('evaluating declarative policies', () => {
  const minReplicas = policies(`  - id: payments-replicas
    language: kubernetes
    compliance: [SOC2:A1.2]
    match: { type: [Deployment, StatefulSet], namespace: 'pay*' }
    require:
      - { path: spec.replicas, min: 3, default: 1 }
    message: '{{type}} {{name}} in {{namespace}} runs {{value}} replica(s); payments needs {{expected}}.'
`);

  it('reports a failing value at the line it is written, with message, severity and compliance', () => {
    const u = manifests(deployment('web', '2'));
    const { results, skipped } = evaluateYamlPolicies(minReplicas, u);
    expect(skipped).toEqual([]);
    const [finding] = policyFindings(u, results);
    expect(finding).toMatchObject({
      ruleId: 'policy/payments-replicas',
      severity: 'error',
      message: 'Deployment web in payments runs 2 replica(s); payments needs at least 3.',
      file: 'app.yaml',
      resource: 'Deployment/payments/web',
      compliance: ['SOC2:A1.2'],
      range: { start: { line: 8, column: 13 } },
    });
  });

  it('applies the default when the attribute is absent, and points where it must be added', () => {
    const u = manifests(deployment('web', ''));
    const { results } = evaluateYamlPolicies(minReplicas, u);
    expect(results[0]?.message).toBe('Deployment web in payments runs 1 replica(s); payments needs at least 3.');
    expect(policyFindings(u, results)[0]?.range.start).toMatchObject({ line: 8, column: 3 });
  });

  it('never fails on an Unknown, and lists it as skipped with the reason', () => {
    const u = unit([{ id: 'Deployment/payments/web', type: 'Deployment', namespace: 'payments', attributes: { spec: { replicas: { $unknown: 'var.replicas has no default' } } }, written: { 'spec.replicas': 4 } }]);
    const { results, skipped } = evaluateYamlPolicies(minReplicas, u);
    expect(results).toEqual([]);
    expect(skipped).toEqual([
      { ruleId: 'policy/payments-replicas', file: 'manifests/app.yaml', range: expect.objectContaining({ start: expect.objectContaining({ line: 4 }) }), what: 'Deployment/payments/web spec.replicas', reason: 'var.replicas has no default' },
    ]);
  });

  it('matches on type, name globs and namespace globs', () => {
    const u = manifests(deployment('web', '1') + deployment('api', '1').replace('payments', 'shop'));
    expect(evaluateYamlPolicies(minReplicas, u).results.map((r) => r.resource)).toEqual(['Deployment/payments/web']);
    const named = policies(`  - id: p
    language: kubernetes
    match: { type: Deployment, name: ['w?b', 'api-*'] }
    require: [{ path: spec.replicas, min: 3 }]
`);
    expect(evaluateYamlPolicies(named, u).results.map((r) => r.resource)).toEqual(['Deployment/payments/web']);
    expect(evaluateYamlPolicies(named, { ...u, language: 'terraform' }).results).toEqual([]);
  });

  it('narrows the match with conditions, and skips a resource whose condition is Unknown', () => {
    const critical = policies(`  - id: critical
    language: kubernetes
    match:
      type: Deployment
      where: [{ path: metadata.labels.tier, equals: critical }]
    require: [{ path: spec.replicas, min: 2 }]
`);
    const u = unit([
      { id: 'Deployment/a/critical', type: 'Deployment', attributes: { metadata: { labels: { tier: 'critical' } }, spec: { replicas: 1 } } },
      { id: 'Deployment/a/batch', type: 'Deployment', attributes: { metadata: { labels: { tier: 'batch' } }, spec: { replicas: 1 } } },
      { id: 'Deployment/a/unknown', type: 'Deployment', attributes: { metadata: { labels: { tier: { $unknown: 'from a kustomize var' } } }, spec: { replicas: 1 } } },
    ]);
    const { results, skipped } = evaluateYamlPolicies(critical, u);
    expect(results.map((r) => r.resource)).toEqual(['Deployment/a/critical']);
    expect(skipped.map((s) => [s.what, s.reason])).toEqual([['whether Deployment/a/unknown is in scope', 'from a kustomize var']]);
  });

  it('runs every operator, with absent values and defaults as documented', () => {
    const p = policies(`  - id: ops
    language: terraform
    match: { type: aws_db_instance }
    require:
      - { path: engine, in: [postgres, mysql] }
      - { path: storage_type, not_in: [standard] }
      - { path: multi_az, equals: true, default: false }
      - { path: backup_retention_period, min: 14, max: 35 }
      - { path: deletion_protection, exists: true }
      - { path: snapshot_identifier, absent: true }
      - { path: identifier, matches: '^prod-[a-z0-9-]+$' }
      - { path: tags, equals: { team: db } }
`);
    const check = (attributes: Record<string, unknown>) =>
      evaluateYamlPolicies(p, unit([{ id: 'aws_db_instance.main', type: 'aws_db_instance', name: 'main', attributes: attributes as never }], 'terraform')).results.map((r) => r.message);
    const good = { engine: 'postgres', multi_az: true, backup_retention_period: '14', deletion_protection: false, identifier: 'prod-orders', tags: { team: 'db' } };
    expect(check(good)).toEqual([]);
    expect(check({ ...good, storage_type: 'gp3', snapshot_identifier: null })).toEqual([]);
    expect(check({})).toEqual([
      'aws_db_instance "main": engine is not set; the policy requires one of postgres, mysql.',
      'aws_db_instance "main": multi_az is false; the policy requires true.',
      'aws_db_instance "main": backup_retention_period is not set; the policy requires at least 14.',
      'aws_db_instance "main": deletion_protection is not set; the policy requires it to be set.',
      'aws_db_instance "main": identifier is not set; the policy requires a match of /^prod-[a-z0-9-]+$/.',
      'aws_db_instance "main": tags is not set; the policy requires {"team":"db"}.',
    ]);
    expect(check({ ...good, engine: 'oracle', storage_type: 'standard', backup_retention_period: 40, snapshot_identifier: 'snap', identifier: 'dev-x', tags: { team: 'db', x: 1 } })).toEqual([
      'aws_db_instance "main": engine is oracle; the policy requires one of postgres, mysql.',
      'aws_db_instance "main": storage_type is standard; the policy requires none of standard.',
      'aws_db_instance "main": backup_retention_period is 40; the policy requires at most 35.',
      'aws_db_instance "main": snapshot_identifier is snap; the policy requires it not to be set.',
      'aws_db_instance "main": identifier is dev-x; the policy requires a match of /^prod-[a-z0-9-]+$/.',
      'aws_db_instance "main": tags is {"team":"db","x":1}; the policy requires {"team":"db"}.',
    ]);
    expect(check({ ...good, backup_retention_period: 'seven' })).toEqual(['aws_db_instance "main": backup_retention_period is seven; the policy requires at least 14.']);
    const partlyUnknown = check({ ...good, tags: { team: { $unknown: 'computed' } }, engine: { $unknown: 'from var.engine' } });
    expect(partlyUnknown).toEqual([]);
    expect(check({ ...good, tags: { team: { $unknown: 'computed' }, x: 1 } })).toEqual(['aws_db_instance "main": tags is {"team":{"$unknown":"computed"},"x":1}; the policy requires {"team":"db"}.']);
  });

  it('checks every element under *, reporting each failing one at its own path', () => {
    const p = policies(`  - id: limits
    language: kubernetes
    match: { type: Deployment }
    require: [{ path: 'spec.template.spec.containers[*].resources.limits.memory', exists: true }]
`);
    const u = manifests(deployment('web', '3', `    spec:
      containers:
        - name: app
          resources: { limits: { memory: 1Gi } }
        - name: sidecar
          image: envoy
`));
    const { results } = evaluateYamlPolicies(p, u);
    expect(results.map((r) => r.path)).toEqual([['spec', 'template', 'spec', 'containers', 1, 'resources', 'limits', 'memory']]);
    expect(policyFindings(u, results)[0]?.range.start.line).toBe(16);
  });

  describe('related resources', () => {
    const pdb = policies(`  - id: pdb
    language: kubernetes
    match: { type: Deployment }
    require:
      - related:
          type: PodDisruptionBudget
          selects: { selector: spec.selector, labels: spec.template.metadata.labels }
    message: '{{type}} {{name}} has {{count}} PodDisruptionBudget(s); it needs {{expected}}.'
  - id: one-pdb
    language: kubernetes
    match: { type: Deployment }
    require:
      - related: { type: PodDisruptionBudget, selects: { selector: spec.selector, labels: spec.template.metadata.labels }, max: 1 }
`);
    const budget = (name: string, selector: string, namespace = 'payments') => `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  minAvailable: 1
  selector: ${selector}
`;

    it('counts resources whose label selector selects this one (matchLabels and matchExpressions)', () => {
      const run = (text: string) => evaluateYamlPolicies(pdb, manifests(text));
      expect(run(deployment('web', '3')).results.map((r) => [r.ruleId, r.message])).toEqual([['policy/pdb', 'Deployment web has 0 PodDisruptionBudget(s); it needs at least 1.']]);
      expect(run(deployment('web', '3') + budget('web', '{ matchLabels: { app: web } }')).results).toEqual([]);
      expect(run(deployment('web', '3') + budget('web', '{ matchExpressions: [{ key: tier, operator: In, values: [web, api] }] }')).results).toEqual([]);
      expect(run(deployment('web', '3') + budget('web', '{ matchExpressions: [{ key: tier, operator: NotIn, values: [web] }] }')).results.length).toBe(1);
      expect(run(deployment('web', '3') + budget('web', '{ matchLabels: { app: web } }', 'other')).results.length).toBe(1);
      expect(run(deployment('web', '3') + budget('web', '{ matchLabels: { app: api } }')).results.length).toBe(1);
    });

    it('reports too many related resources with each as a related location', () => {
      const u = manifests(deployment('web', '3') + budget('a', '{ matchLabels: { app: web } }') + budget('b', '{}'));
      const { results } = evaluateYamlPolicies(pdb, u);
      expect(results.map((r) => r.ruleId)).toEqual(['policy/one-pdb']);
      const [finding] = policyFindings(u, results);
      expect(finding?.related?.map((r) => [r.message, r.range.start.line])).toEqual([
        ['PodDisruptionBudget/payments/a counts here', 14],
        ['PodDisruptionBudget/payments/b counts here', 21],
      ]);
    });

    it('skips, never fails, when a selector or the labels are Unknown and could change the count', () => {
      const u = unit([
        { id: 'Deployment/p/web', type: 'Deployment', attributes: { spec: { template: { metadata: { labels: { app: 'web' } } } } } },
        { id: 'PodDisruptionBudget/p/web', type: 'PodDisruptionBudget', attributes: { spec: { selector: { matchLabels: { app: { $unknown: 'patched by an overlay component' } } } } } },
      ]);
      const { results, skipped } = evaluateYamlPolicies(pdb.slice(0, 1), u);
      expect(results).toEqual([]);
      expect(skipped.map((s) => [s.what, s.reason])).toEqual([['related PodDisruptionBudget of Deployment/p/web', '1 PodDisruptionBudget could not be judged: patched by an overlay component']]);
    });

    it('relates resources by attribute pairs, including a list that contains the value', () => {
      const p = policies(`  - id: hpa
    language: kubernetes
    match: { type: Deployment }
    require:
      - related:
          type: HorizontalPodAutoscaler
          on: [{ their: spec.scaleTargetRef.name, mine: $name }, { their: spec.scaleTargetRef.kind, mine: $type }]
          where: [{ path: spec.minReplicas, min: 2, default: 1 }]
  - id: backup
    language: terraform
    match: { type: aws_db_instance }
    require:
      - related: { type: aws_backup_selection, on: [{ their: resources, mine: arn }] }
`);
      const k8s = unit([
        { id: 'Deployment/p/web', type: 'Deployment', name: 'web', attributes: {} },
        { id: 'HorizontalPodAutoscaler/p/web', type: 'HorizontalPodAutoscaler', attributes: { spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 2 } } },
        { id: 'Deployment/p/api', type: 'Deployment', name: 'api', attributes: {} },
        { id: 'HorizontalPodAutoscaler/p/api', type: 'HorizontalPodAutoscaler', attributes: { spec: { scaleTargetRef: { kind: 'Deployment', name: 'api' } } } },
      ]);
      expect(evaluateYamlPolicies(p, k8s).results.map((r) => r.resource)).toEqual(['Deployment/p/api']);
      const tf = unit(
        [
          { id: 'aws_db_instance.a', type: 'aws_db_instance', attributes: { arn: 'arn:a' } },
          { id: 'aws_db_instance.b', type: 'aws_db_instance', attributes: { arn: 'arn:b' } },
          { id: 'aws_db_instance.c', type: 'aws_db_instance', attributes: { arn: { $unknown: 'known after apply' } } },
          { id: 'aws_backup_selection.x', type: 'aws_backup_selection', attributes: { resources: ['arn:a', 'arn:z'] } },
        ],
        'terraform',
      );
      const { results, skipped } = evaluateYamlPolicies(p, tf);
      expect(results.map((r) => r.resource)).toEqual(['aws_db_instance.b']);
      expect(skipped.map((s) => s.reason)).toEqual(['1 aws_backup_selection could not be judged: known after apply']);
    });
  });

  it('keeps scanned text as data in messages: control characters escaped, long values cut, no second expansion', () => {
    const p = policies(`  - id: names
    language: kubernetes
    match: { type: Deployment }
    require: [{ path: metadata.name, matches: '^[a-z-]+$' }]
    message: 'bad name {{name}} ({{attributes.metadata.labels.owner}})'
`);
    const u = unit([{ id: 'Deployment/a/x', type: 'Deployment', name: 'x\n::error::{{id}}', attributes: { metadata: { name: 'x\n::error::{{id}}', labels: { owner: 'o'.repeat(500) } } } }]);
    const [message] = evaluateYamlPolicies(p, u).results.map((r) => r.message);
    expect(message).toBe(`bad name x\\u000a::error::{{id}} (${'o'.repeat(119)}…)`);
  });

  it('runs regexes in linear time (RE2): a pattern that backtracks catastrophically in JavaScript stays fast', () => {
    const p = policies(`  - id: redos
    language: kubernetes
    match: { type: Deployment }
    require: [{ path: metadata.name, matches: '^(a+)+$' }]
`);
    const name = `${'a'.repeat(100_000)}!`;
    const { results } = evaluateYamlPolicies(p, unit([{ id: 'Deployment/a/x', type: 'Deployment', attributes: { metadata: { name } } }]));
    expect(results.length).toBe(1);
  });

  it('reads numbers and renders values from long adversarial text in linear time', () => {
    const p = policies(`  - id: retention
    language: terraform
    match: { type: aws_db_instance }
    require: [{ path: backup_retention_period, min: 14 }]
`);
    const value = `${'1'.repeat(200_000)}.${'1'.repeat(200_000)}x`;
    const { results } = evaluateYamlPolicies(p, unit([{ id: 'aws_db_instance.a', type: 'aws_db_instance', name: 'a', attributes: { backup_retention_period: value } }], 'terraform'));
    expect(results[0]?.message).toMatch(/^aws_db_instance "a": backup_retention_period is 1{119}…; the policy requires at least 14\.$/);
  });
});
