import type { PolicyValue, Severity } from '@nospof/core';
import type { RE2JS } from 're2js';

export type Operator =
  | { readonly op: 'equals'; readonly value: PolicyValue }
  | { readonly op: 'in'; readonly values: readonly PolicyValue[] }
  | { readonly op: 'not_in'; readonly values: readonly PolicyValue[] }
  | { readonly op: 'min'; readonly limit: number }
  | { readonly op: 'max'; readonly limit: number }
  | { readonly op: 'exists'; readonly want: boolean }
  | { readonly op: 'matches'; readonly pattern: RE2JS; readonly source: string };

/** One assertion on an attribute (`*` segments: every element). */
export interface Check {
  readonly kind: 'check';
  readonly path: readonly (string | number)[];
  readonly default?: PolicyValue;
  readonly operators: readonly Operator[];
}

/** Counts the unit's resources related to the one being checked. */
export interface RelatedCheck {
  readonly kind: 'related';
  readonly types: ReadonlySet<string>;
  readonly where: readonly Check[];
  readonly selects?: { readonly selector: readonly (string | number)[]; readonly labels: readonly (string | number)[] };
  readonly on: readonly { readonly their: readonly (string | number)[]; readonly mine: readonly (string | number)[] }[];
  readonly sameNamespace: boolean;
  readonly min?: number;
  readonly max?: number;
}

/** A test case of a policy: the files of one snippet. `path` is undefined for the language's usual file name. */
export interface TestSnippet {
  readonly name?: string;
  readonly files: readonly { readonly path: string | undefined; readonly text: string }[];
  /** Fail cases: the exact number of findings expected (otherwise at least one). */
  readonly findings?: number;
  /** Where the case is written in the policy file. */
  readonly line?: number;
}

export interface YamlPolicy {
  readonly kind: 'yaml';
  readonly id: string;
  /** `policy/<id>`. */
  readonly ruleId: string;
  readonly file: string;
  readonly line?: number;
  readonly language: string;
  readonly description?: string;
  readonly severity: Severity;
  readonly compliance: readonly string[];
  readonly match: {
    readonly types: ReadonlySet<string>;
    readonly names: readonly string[];
    readonly namespaces: readonly string[];
    readonly where: readonly Check[];
  };
  readonly require: readonly (Check | RelatedCheck)[];
  readonly message?: string;
  readonly tests: { readonly pass: readonly TestSnippet[]; readonly fail: readonly TestSnippet[] };
}

export interface PolicyFile {
  readonly file: string;
  readonly policies: readonly YamlPolicy[];
}
