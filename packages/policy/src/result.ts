import type { AttributePath, Severity } from '@nospof/core';

/** One thing a policy reported, before it is placed in a file. */
export interface PolicyResult {
  /** `opa/<id or entrypoint>` for Rego, `policy/<id>` for YAML policies. */
  readonly ruleId: string;
  readonly severity: Severity;
  /** Policy text: untrusted, bounded when it becomes a finding, escaped by each formatter. */
  readonly message: string;
  /** The resource id (as in the input) the result is about. */
  readonly resource?: string;
  /** The attribute that decides: the finding lands where it is written. */
  readonly path?: AttributePath;
  readonly compliance?: readonly string[];
  /** Other resources that explain the result (the PodDisruptionBudgets that select too many pods). */
  readonly related?: readonly { readonly resource: string; readonly message: string }[];
}
