import { describe, expect, it } from 'vitest';
import { Linter, type Language, type ResolvedConfig, type SourceText } from '@nospof/core';
import { yaml } from '@nospof/core/testing';
import { builtinTesterLanguages } from '../test-support/rule-tester.js';
import { kubernetesRules } from './index.js';

/**
 * Naming one file (a pre-commit hook, an editor buffer) must never hide its findings: the rest of its
 * deployment unit is read as context, and a finding that lands in a context file is kept when its trail
 * passes through the named file.
 */
const config: ResolvedConfig = {
  rules: new Map(kubernetesRules.map((r) => [r.meta.id, { severity: 'error' as const, options: r.meta.defaultOptions as readonly unknown[] }])),
  disabled: new Set(['nospof/unused-suppression']),
  settings: {},
};

function lint(named: string, files: Record<string, string>) {
  const linter = new Linter(
    builtinTesterLanguages.map((l) => l.language as Language),
    kubernetesRules,
  );
  const all: SourceText[] = Object.entries(files).map(([path, text]) => ({ path, text }));
  const run = linter.lint({ files: all.filter((f) => f.path === named), contextFiles: all.filter((f) => f.path !== named), configFor: () => config });
  return run.results.flatMap((r) => r.findings);
}

const deployment = (replicas: number) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: ${replicas}
    selector:
      matchLabels: { app: web }
    template:
      metadata:
        labels: { app: web }
      spec:
        topologySpreadConstraints:
          - maxSkew: 1
            topologyKey: topology.kubernetes.io/zone
            whenUnsatisfiable: ScheduleAnyway
            labelSelector:
              matchLabels: { app: web }
        containers:
          - name: web
            image: example/web:1.0.0
            readinessProbe: { httpGet: { path: /ready, port: 8080 } }
            livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
`;

const overlays = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': deployment(3),
  'overlays/staging/kustomization.yaml': 'namespace: staging\nresources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n',
  'overlays/staging/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n',
};

const hpa = (min: number) => yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata:
    name: web
  spec:
    scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
    minReplicas: ${min}
    maxReplicas: 6
`;

describe('naming a file never hides its findings', () => {
  it('a kustomize base edited: the finding lands on the overlay patch that sets replicas: 1', () => {
    const findings = lint('base/deployment.yaml', overlays).filter((f) => f.ruleId === 'kubernetes/min-replicas');
    expect(findings.map((f) => [f.file, f.range.start.line])).toEqual([['overlays/staging/replicas.yaml', 6]]);
    expect(findings[0]!.related?.map((r) => r.file)).toContain('base/deployment.yaml');
  });

  it('the overlay patch or its kustomization named alone: the same finding', () => {
    for (const named of ['overlays/staging/replicas.yaml', 'overlays/staging/kustomization.yaml']) {
      const findings = lint(named, overlays).filter((f) => f.ruleId === 'kubernetes/min-replicas');
      expect(findings.map((f) => [f.file, f.range.start.line]), named).toEqual([['overlays/staging/replicas.yaml', 6]]);
    }
  });

  it('an HPA edited: the finding lands on the Deployment, naming the autoscaler', () => {
    const files = { 'deployment.yaml': deployment(1), 'hpa.yaml': hpa(3) };
    const findings = lint('hpa.yaml', files).filter((f) => f.ruleId === 'kubernetes/require-pdb');
    expect(findings.map((f) => [f.file, f.range.start.line])).toEqual([['deployment.yaml', 2]]);
    expect(findings[0]!.message).toContain('(the floor of HorizontalPodAutoscaler "web")');
    expect(findings[0]!.related?.map((r) => [r.file, r.range.start.line])).toContainEqual(['hpa.yaml', 7]);
  });

  it('a Deployment edited: the too-low floor lands on its autoscaler, naming the workload', () => {
    const findings = lint('deployment.yaml', { 'deployment.yaml': deployment(3), 'hpa.yaml': hpa(1) }).filter((f) => f.ruleId === 'kubernetes/hpa-min-replicas');
    expect(findings.map((f) => [f.file, f.range.start.line, f.message])).toEqual([
      ['hpa.yaml', 7, 'HorizontalPodAutoscaler "web" lets Deployment "web" scale down to 1 replica(s); at least 2 are needed to survive a node loss.'],
    ]);
  });

  it('a finding reached through two overlays is reported once, with both trails', () => {
    const files = {
      ...overlays,
      'overlays/staging/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  strategy: { type: Recreate }\n',
      'overlays/qa/kustomization.yaml': 'namespace: staging\nresources:\n  - ../../base\n',
    };
    const findings = lint('base/deployment.yaml', { ...files, 'base/deployment.yaml': deployment(1) }).filter((f) => f.ruleId === 'kubernetes/min-replicas');
    expect(findings.map((f) => [f.file, f.range.start.line])).toEqual([['base/deployment.yaml', 6]]);
    const related = findings[0]!.related?.map((r) => r.file) ?? [];
    expect(related).toEqual(expect.arrayContaining(['overlays/staging/kustomization.yaml', 'overlays/qa/kustomization.yaml']));
  });
});

describe('what kustomize would fetch or run', () => {
  it('is listed for --explain-unknown, never reported', () => {
    const linter = new Linter(
      builtinTesterLanguages.map((l) => l.language as Language),
      kubernetesRules,
    );
    const files = {
      ...overlays,
      'overlays/remote/kustomization.yaml': 'resources:\n  - ../../base\n  - https://github.com/example/app//deploy?ref=v1\nhelmCharts:\n  - name: redis\n',
    };
    const run = linter.lint({ files: Object.entries(files).map(([path, text]) => ({ path, text })), configFor: () => config });
    const skipped = run.skipped.filter((s) => s.file === 'overlays/remote/kustomization.yaml');
    expect(skipped.map((s) => s.reason)).toEqual(expect.arrayContaining([expect.stringContaining('Helm charts are not inflated')]));
    expect(run.skipped.some((s) => s.reason.includes('remote resources are never fetched'))).toBe(true);
    expect(run.results.flatMap((r) => r.findings).filter((f) => f.ruleId === 'parse-error')).toEqual([]);
  });

  it('a component scanned without its overlays renders its own resources, its patches never judged alone', () => {
    const findings = lint('components/spread/patch.yaml', {
      'components/spread/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: patch.yaml\n',
      'components/spread/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n',
    });
    expect(findings.filter((f) => f.ruleId.startsWith('kubernetes/'))).toEqual([]);
  });
});
