import { describe, expect, it } from 'vitest';
import type { Finding } from '../finding.js';
import type { Language } from '../language.js';
import { Linter, type LintInput } from '../linter.js';
import type { AnyRule, MessageData } from '../rule.js';
import { placeholders } from '../messages.js';
import { mergeOptions } from '../config/merge-options.js';
import { validateRuleSetting } from '../config/validate.js';
import { RuleRegistry } from '../config/registry.js';
import type { ResolvedConfig } from '../config/types.js';

export interface ValidCase {
  readonly name?: string;
  readonly code: string;
  /** Path of `code`; defaults to the language's usual file name. */
  readonly filename?: string;
  /** Other files of the same run (cross-file rules), by path. */
  readonly files?: Readonly<Record<string, string>>;
  readonly options?: readonly unknown[];
  readonly settings?: Readonly<Record<string, unknown>>;
}

export interface ExpectedError {
  readonly messageId: string;
  readonly data?: MessageData;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** For findings in another file of `files`. */
  readonly file?: string;
  readonly suppressed?: boolean;
  /** The severity the finding is reported at (the rule's default severity unless the rule caps it). */
  readonly severity?: 'error' | 'warning' | 'info';
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedError[];
  /** The code after fixes; required when any finding carries a fix. `null` asserts there is no fix. */
  readonly output?: string | null;
}

export interface RuleTests {
  readonly valid: readonly (ValidCase | string)[];
  readonly invalid: readonly InvalidCase[];
}

/** A language a tester parses code with, and the file name its cases get by default. */
export interface TesterLanguage {
  readonly language: Language;
  /** The path a case's `code` gets when it names none (`manifest.yaml`, `main.tf`). */
  readonly filename: string;
}

export interface RuleTesterOptions {
  /**
   * Every language a case may need, in the order they claim files (specific names first, catch-alls
   * last), as the host that runs the rules orders them.
   */
  readonly languages: readonly TesterLanguage[];
}

/** Unit tests for one rule in the typescript-eslint style: each case is a specification line. */
export class RuleTester {
  constructor(private readonly options: RuleTesterOptions) {}

  defaultFilename(languageId: string): string {
    const registered = this.options.languages.find((l) => l.language.id === languageId);
    if (!registered) throw new Error(`RuleTester: no language "${languageId}" was given to this tester`);
    return registered.filename;
  }

  run(rule: AnyRule, tests: RuleTests): void {
    const valid = tests.valid.map((c) => (typeof c === 'string' ? { code: c } : c));
    checkDuplicates(rule, [...valid, ...tests.invalid]);
    describe(rule.meta.id, () => {
      describe('valid', () => {
        valid.forEach((test, i) => {
          it(test.name ?? `valid #${i + 1}`, () => {
            this.assertValid(rule, test);
          });
        });
      });
      describe('invalid', () => {
        tests.invalid.forEach((test, i) => {
          it(test.name ?? `invalid #${i + 1}`, () => this.assertInvalid(rule, test));
        });
      });
    });
  }

  /** Throws unless the case gives no (unsuppressed) finding. */
  assertValid(rule: AnyRule, test: ValidCase): void {
    const findings = this.findingsOf(rule, test).filter((f) => !f.suppressed);
    expect(findings.map(describeFinding), 'a valid case must produce no finding').toEqual([]);
  }

  /** Throws unless the case gives exactly the expected findings, and the expected output when fixed. */
  assertInvalid(rule: AnyRule, test: InvalidCase): void {
    if (test.errors.length === 0) throw new Error('an invalid case needs at least one expected error');
    for (const e of test.errors) {
      if (!(e.messageId in rule.meta.messages)) throw new Error(`unknown messageId "${e.messageId}" in the test`);
    }
    const findings = this.findingsOf(rule, test);
    expect(findings.length, `findings: ${JSON.stringify(findings.map(describeFinding), null, 1)}`).toBe(test.errors.length);
    findings.forEach((finding, i) => {
      const expected = test.errors[i] as ExpectedError;
      expect(finding.message, 'message has an unfilled placeholder').not.toMatch(/\{\{\s*\w+\s*\}\}/);
      const actual: Record<string, unknown> = { messageId: finding.messageId };
      const wanted: Record<string, unknown> = { messageId: expected.messageId };
      if (expected.line !== undefined) [actual.line, wanted.line] = [finding.range.start.line, expected.line];
      if (expected.column !== undefined) [actual.column, wanted.column] = [finding.range.start.column, expected.column];
      if (expected.endLine !== undefined) [actual.endLine, wanted.endLine] = [finding.range.end.line, expected.endLine];
      if (expected.endColumn !== undefined) [actual.endColumn, wanted.endColumn] = [finding.range.end.column, expected.endColumn];
      if (expected.file !== undefined) [actual.file, wanted.file] = [finding.file, expected.file];
      if (expected.suppressed !== undefined) [actual.suppressed, wanted.suppressed] = [finding.suppressed !== undefined, expected.suppressed];
      if (expected.severity !== undefined) [actual.severity, wanted.severity] = [finding.severity, expected.severity];
      if (expected.data) {
        for (const key of Object.keys(expected.data)) actual[`data.${key}`] = finding.data?.[key];
        for (const [key, value] of Object.entries(expected.data)) wanted[`data.${key}`] = value;
      }
      expect(actual, `finding ${i + 1}: ${finding.message}`).toEqual(wanted);
    });
    const hasFix = findings.some((f) => f.fix && !f.suppressed);
    if (hasFix && test.output === undefined) throw new Error('the rule fixed this code: the case needs an `output`');
    if (test.output === null) expect(hasFix, 'expected no fix').toBe(false);
    if (typeof test.output === 'string') {
      const { linter, input, filename } = this.prepare(rule, test);
      const output = linter.lintAndFix(input).outputs.get(filename) ?? test.code;
      expect(output).toBe(test.output);
    }
  }

  private findingsOf(rule: AnyRule, test: ValidCase): Finding[] {
    const { linter, input } = this.prepare(rule, test);
    const run = linter.lint(input);
    const all = run.results.flatMap((r) => r.findings);
    const filename = test.filename ?? this.defaultFilename(rule.meta.language);
    const parseErrors = all.filter((f) => f.ruleId === 'parse-error' && f.file === filename);
    if (parseErrors.length > 0) {
      throw new Error(`the test code does not parse: ${parseErrors.map(describeFinding).join('; ')}`);
    }
    // A rule that throws (or breaks a contract, such as fixing without `meta.fixable`) must fail its
    // test, not pass it silently with no findings.
    const crashes = all.filter((f) => f.ruleId === 'nospof/internal-error');
    if (crashes.length > 0) throw new Error(`the rule failed: ${crashes.map(describeFinding).join('; ')}`);
    return all.filter((f) => f.ruleId === rule.meta.id);
  }

  private prepare(rule: AnyRule, test: ValidCase): { linter: Linter; input: LintInput; filename: string } {
    const problems = test.options ? validateRuleSetting(rule.meta.id, [rule.meta.severity, ...test.options], new RuleRegistry([rule])) : [];
    if (problems.length > 0) throw new Error(`options do not match the rule's schema: ${problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`);
    if (test.filename === undefined && !this.options.languages.some((l) => l.language.id === rule.meta.language)) {
      throw new Error(`a case of ${rule.meta.id} needs a \`filename\` (no language "${rule.meta.language}" gives a default)`);
    }
    const filename = test.filename ?? this.defaultFilename(rule.meta.language);
    const linter = new Linter(this.options.languages.map((l) => l.language), [rule]);
    const options = mergeOptions(rule.meta.defaultOptions as readonly unknown[], test.options);
    const config: ResolvedConfig = {
      rules: new Map([[rule.meta.id, { severity: rule.meta.severity, options }]]),
      disabled: new Set(['nospof/unused-suppression']),
      settings: test.settings ?? {},
    };
    const files = [{ path: filename, text: test.code }, ...Object.entries(test.files ?? {}).map(([path, text]) => ({ path, text }))];
    return { linter, input: { files, configFor: () => config }, filename };
  }
}

function describeFinding(f: Finding): string {
  return `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`;
}

export function checkDuplicates(rule: AnyRule, cases: readonly ValidCase[]): void {
  const seen = new Set<string>();
  for (const c of cases) {
    const key = JSON.stringify([c.code, c.filename, c.files, c.options, c.settings]);
    if (seen.has(key)) throw new Error(`${rule.meta.id}: duplicate test case${c.name ? ` "${c.name}"` : ''}`);
    seen.add(key);
  }
  for (const message of Object.values(rule.meta.messages as Record<string, string>)) {
    if (placeholders(message).length === 0 && message.includes('{{')) throw new Error(`malformed placeholder in "${message}"`);
  }
}
