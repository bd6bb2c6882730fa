import type { PolicyUnit } from '@nospof/core';
import { describeThrown } from '../problems.js';
import { evaluateYamlPolicies } from './evaluate.js';
import type { PolicyFile, TestSnippet, YamlPolicy } from './types.js';

/**
 * Builds the deployment units of a test snippet, as the host would for files on disk. `path` is
 * undefined when the snippet did not name its file: the host picks the language's usual name.
 */
export type SnippetUnitBuilder = (
  language: string,
  files: readonly { readonly path: string | undefined; readonly text: string }[],
) => readonly PolicyUnit[] | Promise<readonly PolicyUnit[]>;

export interface PolicyTestCase {
  readonly file: string;
  readonly policy: string;
  readonly kind: 'pass' | 'fail';
  /** 1-based position among the policy's cases of this kind. */
  readonly index: number;
  readonly name?: string;
  readonly line?: number;
  readonly ok: boolean;
  /** Why the case failed. */
  readonly message?: string;
  /** What the policy reported on the snippet. */
  readonly findings: readonly string[];
  /** What an Unknown kept it from judging. */
  readonly skipped: readonly string[];
}

export interface PolicyTestReport {
  readonly cases: readonly PolicyTestCase[];
  readonly passed: number;
  readonly failed: number;
}

/** Runs the `tests: { pass, fail }` snippets of every policy, as `opa test` runs Rego tests. */
export async function runPolicyTests(files: readonly PolicyFile[], build: SnippetUnitBuilder): Promise<PolicyTestReport> {
  const cases: PolicyTestCase[] = [];
  for (const file of files) {
    for (const policy of file.policies) {
      for (const kind of ['pass', 'fail'] as const) {
        const snippets = policy.tests[kind];
        for (let i = 0; i < snippets.length; i++) cases.push(await runCase(file.file, policy, kind, i, snippets[i] as TestSnippet, build));
      }
    }
  }
  const failed = cases.filter((c) => !c.ok).length;
  return { cases, passed: cases.length - failed, failed };
}

async function runCase(file: string, policy: YamlPolicy, kind: 'pass' | 'fail', i: number, snippet: TestSnippet, build: SnippetUnitBuilder): Promise<PolicyTestCase> {
  const base = { file, policy: policy.id, kind, index: i + 1, ...(snippet.name ? { name: snippet.name } : {}), ...(snippet.line ? { line: snippet.line } : {}) };
  let units: readonly PolicyUnit[];
  try {
    units = await build(policy.language, snippet.files);
  } catch (error) {
    return { ...base, ok: false, message: `the snippet could not be read: ${describeThrown(error)}`, findings: [], skipped: [] };
  }
  if (units.length === 0) return { ...base, ok: false, message: `the snippet holds no ${policy.language} resources`, findings: [], skipped: [] };
  const findings: string[] = [];
  const skipped: string[] = [];
  for (const unit of units) {
    const evaluation = evaluateYamlPolicies([policy], unit);
    findings.push(...evaluation.results.map((r) => `${r.resource ?? unit.unit}: ${r.message}`));
    skipped.push(...evaluation.skipped.map((s) => `${s.what}: ${s.reason}`));
  }
  const ok = kind === 'pass' ? findings.length === 0 : snippet.findings === undefined ? findings.length > 0 : findings.length === snippet.findings;
  const message = ok
    ? undefined
    : kind === 'pass'
      ? `expected no finding, got ${findings.length}`
      : snippet.findings === undefined
        ? `expected a finding, got none${skipped.length > 0 ? ` (${skipped.length} check(s) skipped on Unknown values)` : ''}`
        : `expected ${snippet.findings} finding(s), got ${findings.length}`;
  return { ...base, ok, ...(message ? { message } : {}), findings, skipped };
}
