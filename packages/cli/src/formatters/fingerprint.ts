import { createHash } from 'node:crypto';
import type { Finding } from '@nospof/api';

/**
 * What identifies a finding across runs, never its line: the rule, the file and the resource (with the
 * kind of problem, as one resource may fail a rule in two ways), or, for findings that name no resource,
 * the message. Editing lines above a finding keeps its identity; renaming the resource or the file does not.
 */
function identity(f: Finding, file: string): string {
  return f.resource === undefined
    ? [f.ruleId, file, 'message', f.message].join('\u0000')
    : [f.ruleId, file, 'resource', f.resource, f.messageId ?? ''].join('\u0000');
}

/**
 * A stable hex fingerprint per finding. Findings with the same identity in one report (one resource
 * failing a rule twice the same way) are told apart by their order, so each fingerprint stays unique.
 */
export function fingerprints(findings: readonly { readonly finding: Finding; readonly file: string }[]): string[] {
  const seen = new Map<string, number>();
  return findings.map(({ finding, file }) => {
    const key = identity(finding, file);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return createHash('sha256').update(n === 1 ? key : `${key}\u0000${n}`).digest('hex');
  });
}
