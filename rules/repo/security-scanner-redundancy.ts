import { defineRule, PROJECT_VISITOR, unknown, type ProjectContext, type Settings } from '@nospof/core';
import { distinctNames, factsOf, mainPipeline, opaquePipelines, repositoryFacts, scannerCatalog, type RepositoryFact } from './utils/facts.js';

/** `settings.securityScanners.min`, default 2. */
function minimumScanners(settings: Settings): number {
  const section = settings.securityScanners;
  const min = section !== null && typeof section === 'object' ? (section as { min?: unknown }).min : undefined;
  return typeof min === 'number' && Number.isInteger(min) && min >= 1 ? min : 2;
}

/** Where the finding lands: the job running the scanner, preferring a workflow job over other places. */
function placeOf(scanners: readonly RepositoryFact[]): RepositoryFact | undefined {
  return scanners.find((f) => f.owner !== undefined) ?? scanners[0];
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
        'Add a second scanner of a different vendor in any workflow or Jenkinsfile: for example CodeQL or Semgrep for code, Trivy, Grype or OSV-Scanner for dependencies and images, gitleaks or TruffleHog for secrets, zizmor for workflows.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2'],
      preset: 'strict',
      defaults:
        'The minimum is `settings.securityScanners.min` (default 2). Scanners are recognised by action, command (also through wrappers, `go run`, `sh -c` and shell functions), container image and Jenkins step from the shared catalog, plus the repository\'s own tools in `settings.securityScanners.extra`; the same tool in two files counts once. When a pipeline hands its work to code outside the run (a reusable workflow of another repository, a Jenkinsfile that only calls a shared library) the count is unknown and nothing is reported.',
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
        const scanners = factsOf(repositoryFacts(project, scannerCatalog(context.settings)), 'security-scanner');
        const names = distinctNames(scanners);
        if (names.length >= min) return;
        const opaque = opaquePipelines(project)[0];
        if (opaque) {
          context.skipped({ ...unknown(`${opaque.reason}; the scanners it runs are unknown`, opaque.range), file: opaque.file }, 'security scanners');
          return;
        }
        const place = placeOf(scanners);
        if (!place) {
          const main = mainPipeline(project);
          if (!main) return;
          context.report({ node: { range: main.range }, file: main.file, messageId: 'none', data: { min } });
          return;
        }
        context.report({
          node: { range: place.owner ?? place.range },
          file: place.file,
          messageId: 'tooFew',
          data: { count: names.length, scanners: names.join(', '), min },
          related: scanners.slice(0, 10).map((f) => ({ node: f, file: f.file, message: `${f.name} runs here` })),
        });
      },
    };
  },
});
