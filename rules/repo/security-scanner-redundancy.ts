import { defineRule, PROJECT_VISITOR, type ProjectContext, type Settings } from '@nospof/core';
import { distinctNames, factsOf, repositoryFacts, FILE_START, isPipelineFile } from './utils/facts.js';

/** `settings.securityScanners.min`, default 2. */
function minimumScanners(settings: Settings): number {
  const section = settings.securityScanners;
  const min = section !== null && typeof section === 'object' ? (section as { min?: unknown }).min : undefined;
  return typeof min === 'number' && Number.isInteger(min) && min >= 1 ? min : 2;
}

export default defineRule({
  meta: {
    id: 'repo/security-scanner-redundancy',
    language: 'repo',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'The repository runs at least two different security scanners',
      rationale:
        'Every scanner has blind spots (languages, ecosystems, rule sets) and outages (a revoked token, a vendor incident, a deprecated action). With one scanner, its gaps are the repository\'s gaps and its outage silently turns security scanning off.',
      remediation:
        'Add a second scanner of a different vendor in any workflow or Jenkinsfile: for example CodeQL or Semgrep for code, Trivy or Grype for dependencies and images, gitleaks for secrets.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2'],
      preset: 'strict',
      defaults:
        'The minimum is `settings.securityScanners.min` (default 2). Scanners are recognised by action, command, container image and Jenkins step from the shared catalog; the same tool in two files counts once.',
    },
    messages: {
      none: 'No security scanner runs in this repository\'s pipelines; at least {{min}} different scanners are needed.',
      tooFew: 'Only {{count}} security scanner(s) run in this repository ({{scanners}}); at least {{min}} different scanners are needed.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      [PROJECT_VISITOR](project: ProjectContext) {
        const min = minimumScanners(context.settings);
        const scanners = factsOf(repositoryFacts(project), 'security-scanner');
        const names = distinctNames(scanners);
        if (names.length >= min) return;
        const first = scanners[0];
        if (!first) {
          const pipeline = project.files.filter(isPipelineFile).sort()[0];
          if (pipeline === undefined) return;
          context.report({ node: { range: FILE_START }, file: pipeline, messageId: 'none', data: { min } });
          return;
        }
        context.report({
          node: first,
          file: first.file,
          messageId: 'tooFew',
          data: { count: names.length, scanners: names.join(', '), min },
          related: scanners.slice(1, 10).map((f) => ({ node: f, file: f.file, message: `${f.name} runs here` })),
        });
      },
    };
  },
});
