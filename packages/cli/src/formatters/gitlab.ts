import type { Finding, Severity } from '@nospof/api';
import { messageWithContext, safeJson } from './escape.js';
import { fingerprints } from './fingerprint.js';
import { pathAnchor } from './locations.js';
import type { Formatter } from './types.js';

type GitLabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/**
 * GitLab's five levels. An error is a single point of failure a gate stops on: `major`. A file nospof
 * could not check at all is worse than any one finding in it (every rule was skipped): `critical`.
 */
const severity: Record<Severity, GitLabSeverity> = { error: 'major', warning: 'minor', info: 'info' };
const NOT_CHECKED = new Set(['parse-error', 'nospof/internal-error']);

function gitlabSeverity(f: Finding): GitLabSeverity {
  return NOT_CHECKED.has(f.ruleId) ? 'critical' : severity[f.severity];
}

/**
 * GitLab Code Quality (a subset of the Code Climate issue format): the merge request widget and the
 * pipeline's Code Quality tab. Paths are relative to the repository root, as GitLab resolves them;
 * fingerprints follow the finding's rule, file and resource, not its line, so GitLab tracks a finding
 * across commits. Suppressed findings are left out.
 */
export const gitlab: Formatter = (results, context) => {
  const anchor = pathAnchor(context);
  const open = results.flatMap((r) => r.findings.filter((f) => !f.suppressed).map((finding) => ({ finding, file: anchor?.relative(r.file) ?? r.file })));
  const prints = fingerprints(open);
  const issues = open.map(({ finding: f, file }, i) => ({
    type: 'issue',
    description: messageWithContext(f),
    check_name: f.ruleId,
    fingerprint: prints[i],
    severity: gitlabSeverity(f),
    categories: ['Bug Risk'],
    location: { path: file, lines: { begin: f.range.start.line, end: f.range.end.line } },
  }));
  return `${safeJson(issues, 2)}\n`;
};
