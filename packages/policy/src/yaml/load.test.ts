import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPolicyProblem, PolicyLoadError, type PolicyProblem } from '../problems.js';
import { loadPolicyFile } from './load.js';
import { policySchema } from './policy-schema.js';

function problems(text: string, languages?: string[]): PolicyProblem[] {
  try {
    loadPolicyFile(text, 'policy/redundancy.yaml', languages ? { languages } : {});
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyLoadError);
    return [...(error as PolicyLoadError).problems];
  }
  throw new Error('the file loaded');
}

const valid = `policies:
  - id: payments-replicas
    language: kubernetes
    match:
      type: Deployment
      namespace: payments
    require:
      - path: spec.replicas
        min: 3
        default: 1
`;

describe('loading declarative policies', () => {
  it('compiles a valid file', () => {
    const file = loadPolicyFile(valid, 'policy/redundancy.yaml');
    const [policy] = file.policies;
    expect(policy).toMatchObject({ id: 'payments-replicas', ruleId: 'policy/payments-replicas', language: 'kubernetes', severity: 'error', line: 2 });
    expect(policy?.require[0]).toMatchObject({ kind: 'check', path: ['spec', 'replicas'], default: 1, operators: [{ op: 'min', limit: 3 }] });
  });

  it('names the file, the policy, the key, line and column of each schema error', () => {
    const found = problems(`policies:
  - id: payments-replicas
    language: kubernetes
    severity: fatal
    match:
      type: Deployment
      kind: Deployment
    require:
      - path: spec.replicas
        minimum: 3
`);
    expect(found.map(formatPolicyProblem)).toEqual([
      'policy/redundancy.yaml:4:5: policy "payments-replicas" policies[0].severity: must be one of "error", "warning", "info"',
      'policy/redundancy.yaml:7:7: policy "payments-replicas" policies[0].match.kind: unknown key',
      'policy/redundancy.yaml:9:9: policy "payments-replicas" policies[0].require[0]: needs an assertion: equals, in, not_in, min, max, exists, absent or matches',
      'policy/redundancy.yaml:10:9: policy "payments-replicas" policies[0].require[0].minimum: unknown key',
    ]);
  });

  it('explains wrong shapes in one sentence each', () => {
    const found = problems(`policies:
  - id: Bad_Id
    language: kubernetes
    match: { type: [] }
    require:
      - path: { a: 1 }
        exists: true
      - related: { type: PodDisruptionBudget }
`);
    expect(found.map((p) => `${p.line}:${p.column} ${(p.path ?? []).join('.')}: ${p.message}`)).toEqual([
      '2:5 policies.0.id: must match pattern "^[a-z0-9][a-z0-9-]*$"',
      '4:14 policies.0.match.type: must be a string or a list of strings',
      '6:9 policies.0.require.0.path: must be a dotted attribute path or an array of keys and indexes',
      '8:9 policies.0.require.1.related: needs "selects" or "on" to say how resources relate',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    const [problem] = problems('policies:\n  - id: x\n   language: [\n');
    expect(problem?.file).toBe('policy/redundancy.yaml');
    expect(problem?.line).toBeGreaterThan(1);
  });

  it('refuses duplicate keys at the key, and a file of more aliases than a policy file needs', () => {
    const [duplicate] = problems('policies:\n  - id: x\n    id: y\n');
    expect(duplicate).toMatchObject({ file: 'policy/redundancy.yaml', line: 3, column: 5 });
    const aliases = Array.from({ length: 1_001 }, (_, i) => `  - &a${i} x\n  - *a${i}\n`).join('');
    expect(problems(`policies: []\nx:\n${aliases}`)).toEqual([{ file: 'policy/redundancy.yaml', line: 1, column: 1, message: 'more than 1000 YAML aliases; a policy file needs far fewer' }]);
  });

  it('refuses regexes RE2 cannot run, unknown placeholders, bad paths, duplicate ids and unknown languages', () => {
    const found = problems(
      `policies:
  - id: a
    language: kubernetes
    match: { type: Deployment }
    require:
      - { path: 'metadata.name', matches: '^(a)\\1$' }
      - { path: 'spec..replicas', min: 1 }
      - { path: spec.replicas, min: 5, max: 2 }
    message: 'too few {{replicas}} in {{name}} {{attributes.spec.replicas}}'
  - id: a
    language: cobol
    match: { type: Deployment }
    require: [{ path: spec.replicas, min: 1 }]
`,
      ['kubernetes', 'terraform'],
    );
    expect(found.map((p) => `${p.line}:${p.column} ${p.policy} ${(p.path ?? []).join('.')}: ${p.message}`)).toEqual([
      expect.stringMatching(/^6:34 a policies\.0\.require\.0\.matches: not an RE2 regular expression \(.*\\1.*\); backreferences and lookaround are not supported$/),
      '7:11 a policies.0.require.1.path: not a valid attribute path (use "a.b[0].c", "a[*].b", or an array of keys and indexes)',
      '8:32 a policies.0.require.2.min: min 5 is above max 2',
      '9:5 a policies.0.message: unknown placeholder {{replicas}}',
      '10:5 a policies.1.id: another policy of this file has the id "a"',
      '11:5 a policies.1.language: unknown language; nospof reads kubernetes, terraform',
    ]);
  });

  it('ships policy.schema.json equal to the schema the loader uses', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../policy.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(shipped, 'run `node packages/policy/scripts/write-schemas.mjs` after a build').toEqual(JSON.parse(JSON.stringify(policySchema)));
  });
});
