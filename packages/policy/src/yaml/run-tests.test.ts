import { describe, expect, it } from 'vitest';
import { manifestUnits } from '../test-support/manifest-units.js';
import { loadPolicyFile } from './load.js';
import { runPolicyTests } from './run-tests.js';

const file = loadPolicyFile(
  `policies:
  - id: min-replicas
    language: kubernetes
    match: { type: Deployment }
    require: [{ path: spec.replicas, min: 2, default: 1 }]
    tests:
      pass:
        - |
          kind: Deployment
          metadata: { name: web }
          spec: { replicas: 3 }
        - name: unknown replicas never fail
          code: |
            kind: Deployment
            metadata: { name: web }
            spec: { replicas: { $unknown: from a var } }
      fail:
        - |
          kind: Deployment
          metadata: { name: web }
        - code: |
            kind: Deployment
            metadata: { name: a }
            ---
            kind: Deployment
            metadata: { name: b }
          findings: 2
        - name: a wrong expectation
          code: |
            kind: Deployment
            metadata: { name: web }
            spec: { replicas: 5 }
        - code: "kind: [unclosed"
`,
  'policies/replicas.yaml',
);

describe('policy tests (pass/fail snippets)', () => {
  it('runs each snippet through the unit builder and says which cases fail and why', async () => {
    const report = await runPolicyTests([file], manifestUnits);
    expect(report.passed).toBe(4);
    expect(report.failed).toBe(2);
    expect(report.cases.map((c) => [c.kind, c.index, c.line, c.ok, c.message ?? ''])).toEqual([
      ['pass', 1, 8, true, ''],
      ['pass', 2, 12, true, ''],
      ['fail', 1, 18, true, ''],
      ['fail', 2, 21, true, ''],
      ['fail', 3, 28, false, 'expected a finding, got none'],
      ['fail', 4, 33, false, expect.stringMatching(/^the snippet could not be read: manifest.yaml: /)],
    ]);
    expect(report.cases[1]?.skipped).toEqual(['Deployment/default/web spec.replicas: from a var']);
    expect(report.cases[2]?.findings).toEqual(['Deployment/default/web: Deployment "web": spec.replicas is 1; the policy requires at least 2.']);
  });

  it('fails a pass case that reports, and a snippet with no resources of the language', async () => {
    const strict = loadPolicyFile(
      `policies:
  - id: p
    language: kubernetes
    match: { type: Deployment }
    require: [{ path: spec.replicas, min: 9 }]
    tests: { pass: ["kind: Deployment\\nmetadata: { name: x }\\nspec: { replicas: 3 }\\n", "just: text\\n"] }
`,
      'p.yaml',
    );
    const report = await runPolicyTests([strict], manifestUnits);
    expect(report.cases.map((c) => c.message)).toEqual(['expected no finding, got 1', 'the snippet holds no kubernetes resources']);
  });
});
