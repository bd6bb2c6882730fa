import type { CommandSignature, ToolCatalog } from './types.js';

/** A build-tool goal (`mvn verify sonar:sonar`, `./gradlew build sonar`) run through Maven or Gradle. */
function buildGoal(maven: readonly string[], gradle: readonly string[]): CommandSignature[] {
  return [
    ...['mvn', 'mvnw'].map((run) => ({ run, mentions: maven })),
    ...['gradle', 'gradlew'].map((run) => ({ run, anyArg: gradle })),
  ];
}

/**
 * Security scanners: static analysis, dependency and image vulnerability scanners, secret scanners, IaC
 * and pipeline scanners. Each entry is one tool: two entries are two independent scanners.
 */
export const securityScanners: ToolCatalog = [
  { name: 'codeql', title: 'CodeQL', actions: ['github/codeql-action/analyze'], commands: ['codeql database analyze'] },
  {
    name: 'semgrep',
    title: 'Semgrep',
    actions: ['semgrep/semgrep-action', 'returntocorp/semgrep-action'],
    commands: ['semgrep'],
    images: ['semgrep/semgrep', 'returntocorp/semgrep'],
  },
  { name: 'opengrep', title: 'Opengrep', commands: ['opengrep'] },
  { name: 'snyk', title: 'Snyk', actions: ['snyk/actions'], commands: ['snyk'], images: ['snyk/snyk'], jenkinsSteps: ['snykSecurity'] },
  {
    name: 'sonarqube',
    title: 'SonarQube / SonarCloud',
    actions: ['sonarsource/sonarqube-scan-action', 'sonarsource/sonarcloud-github-action'],
    commands: ['sonar-scanner', 'dotnet sonarscanner', 'dotnet-sonarscanner', ...buildGoal(['sonar:sonar', 'sonar-maven-plugin'], ['sonar', 'sonarqube'])],
    images: ['sonarsource/sonar-scanner-cli'],
    jenkinsSteps: ['withSonarQubeEnv', 'waitForQualityGate'],
  },
  { name: 'trivy', title: 'Trivy', actions: ['aquasecurity/trivy-action'], commands: ['trivy'], images: ['aquasec/trivy', 'ghcr.io/aquasecurity/trivy'] },
  { name: 'grype', title: 'Grype', actions: ['anchore/scan-action'], commands: ['grype'], images: ['anchore/grype'], jenkinsSteps: ['grypeScan'] },
  { name: 'checkov', title: 'Checkov', actions: ['bridgecrewio/checkov-action'], commands: ['checkov'], images: ['bridgecrew/checkov'] },
  { name: 'kics', title: 'KICS', actions: ['checkmarx/kics-github-action', 'checkmarx/kics-action'], commands: ['kics scan'], images: ['checkmarx/kics'] },
  {
    name: 'gitleaks',
    title: 'Gitleaks',
    actions: ['gitleaks/gitleaks-action', 'zricethezav/gitleaks-action'],
    commands: ['gitleaks'],
    images: ['zricethezav/gitleaks', 'ghcr.io/gitleaks/gitleaks'],
  },
  {
    name: 'trufflehog',
    title: 'TruffleHog',
    actions: ['trufflesecurity/trufflehog'],
    commands: ['trufflehog'],
    images: ['trufflesecurity/trufflehog', 'ghcr.io/trufflesecurity/trufflehog'],
  },
  { name: 'detect-secrets', title: 'detect-secrets', commands: ['detect-secrets scan', 'detect-secrets-hook', 'detect-secrets audit'] },
  { name: 'ggshield', title: 'GitGuardian ggshield', actions: ['gitguardian/ggshield-action', 'gitguardian/ggshield/actions/secret'], commands: ['ggshield'] },
  { name: 'bandit', title: 'Bandit', actions: ['pycqa/bandit-action'], commands: ['bandit'] },
  { name: 'gosec', title: 'gosec', actions: ['securego/gosec'], commands: ['gosec'], images: ['securego/gosec'] },
  { name: 'zizmor', title: 'zizmor', actions: ['zizmorcore/zizmor-action', 'woodruffw/zizmor-action'], commands: ['zizmor'], images: ['ghcr.io/zizmorcore/zizmor'] },
  { name: 'poutine', title: 'poutine', actions: ['boostsecurityio/poutine-action'], commands: ['poutine'] },
  { name: 'tfsec', title: 'tfsec', actions: ['aquasecurity/tfsec-action', 'aquasecurity/tfsec-sarif-action'], commands: ['tfsec'], images: ['aquasec/tfsec'] },
  { name: 'terrascan', title: 'Terrascan', actions: ['tenable/terrascan-action', 'accurics/terrascan-action'], commands: ['terrascan scan'], images: ['tenable/terrascan'] },
  { name: 'kubescape', title: 'Kubescape', actions: ['kubescape/github-action'], commands: ['kubescape scan'], images: ['quay.io/kubescape/kubescape'] },
  {
    name: 'dependency-check',
    title: 'OWASP Dependency-Check',
    actions: ['dependency-check/dependency-check_action'],
    commands: ['dependency-check', 'dependency-check.sh', ...buildGoal(['dependency-check:check', 'dependency-check:aggregate', 'dependency-check-maven'], ['dependencyCheckAnalyze', 'dependencyCheckAggregate'])],
    images: ['owasp/dependency-check'],
    jenkinsSteps: ['dependencyCheck', 'dependencyCheckPublisher'],
  },
  { name: 'osv-scanner', title: 'OSV-Scanner', actions: ['google/osv-scanner-action'], commands: ['osv-scanner'], images: ['ghcr.io/google/osv-scanner'] },
  { name: 'npm-audit', title: 'npm audit', commands: ['npm audit', 'yarn audit', 'yarn npm audit', 'pnpm audit', 'bun audit', 'audit-ci', 'better-npm-audit audit'] },
  { name: 'retire-js', title: 'Retire.js', commands: ['retire'] },
  { name: 'pip-audit', title: 'pip-audit', actions: ['pypa/gh-action-pip-audit'], commands: ['pip-audit'] },
  { name: 'safety', title: 'Safety', actions: ['pyupio/safety-action'], commands: ['safety check', 'safety scan'] },
  { name: 'govulncheck', title: 'govulncheck', actions: ['golang/govulncheck-action'], commands: ['govulncheck'] },
  { name: 'nancy', title: 'Nancy', actions: ['sonatype-nexus-community/nancy-github-action'], commands: ['nancy sleuth'] },
  { name: 'cargo-audit', title: 'cargo audit', actions: ['rustsec/audit-check', 'actions-rs/audit-check'], commands: ['cargo audit', 'cargo-audit'] },
  { name: 'cargo-deny', title: 'cargo-deny', actions: ['embarkstudios/cargo-deny-action'], commands: ['cargo deny', 'cargo-deny'] },
  { name: 'bundler-audit', title: 'bundler-audit', commands: ['bundle-audit', 'bundler-audit', 'bundle audit'] },
  { name: 'brakeman', title: 'Brakeman', commands: ['brakeman'] },
  { name: 'docker-scout', title: 'Docker Scout', actions: ['docker/scout-action'], commands: ['docker scout cves', 'docker scout quickview', 'docker scout recommendations'] },
  { name: 'dockle', title: 'Dockle', actions: ['goodwithtech/dockle-action', 'erzz/dockle-action'], commands: ['dockle'], images: ['goodwithtech/dockle'] },
  { name: 'dependency-review', title: 'GitHub dependency review', actions: ['actions/dependency-review-action'] },
  { name: 'bearer', title: 'Bearer', actions: ['bearer/bearer-action'], commands: ['bearer scan'] },
  { name: 'scorecard', title: 'OpenSSF Scorecard', actions: ['ossf/scorecard-action'], commands: ['scorecard'] },
  { name: 'devskim', title: 'DevSkim', actions: ['microsoft/devskim-action'], commands: ['devskim analyze'] },
  { name: 'msdo', title: 'Microsoft Security DevOps', actions: ['microsoft/security-devops-action'] },
  { name: 'jfrog-xray', title: 'JFrog Xray', commands: ['jf audit', 'jf scan', 'jf docker scan', 'jfrog audit', 'jfrog scan'] },
  { name: 'wiz', title: 'Wiz CLI', commands: ['wizcli'] },
  { name: 'mend', title: 'Mend (WhiteSource)', commands: ['mend sca', 'mend code', 'mend image', { run: 'java', mentions: ['wss-unified-agent'] }] },
  {
    name: 'black-duck',
    title: 'Black Duck',
    actions: ['synopsys-sig/detect-action', 'blackduck-inc/black-duck-security-scan', 'synopsys-sig/synopsys-action'],
    urls: ['detect.synopsys.com', 'detect.blackduck.com'],
    jenkinsSteps: ['synopsys_detect', 'security_scan'],
  },
  { name: 'coverity', title: 'Coverity', commands: ['cov-analyze', 'cov-build'], jenkinsSteps: ['withCoverityEnvironment'] },
  { name: 'fortify', title: 'Fortify', actions: ['fortify/github-action'], commands: ['sourceanalyzer', 'fcli sast', 'scancentral'] },
  {
    name: 'veracode',
    title: 'Veracode',
    actions: ['veracode/veracode-uploadandscan-action', 'veracode/veracode-pipeline-scan-action', 'veracode/uploadandscan-action'],
    jenkinsSteps: ['veracode', 'veracodePipelineScan'],
  },
  { name: 'anchore', title: 'Anchore Enterprise', commands: ['anchorectl image check', 'anchore-cli image vuln'], jenkinsSteps: ['anchore'] },
  { name: 'prisma-cloud', title: 'Prisma Cloud', actions: ['prisma-cloud-shiftleft/iac-scan-action'], commands: ['twistcli images scan', 'twistcli'], jenkinsSteps: ['prismaCloudScanImage'] },
  { name: 'aqua-microscanner', title: 'Aqua MicroScanner', jenkinsSteps: ['aquaMicroscanner'] },
  { name: 'checkmarx', title: 'Checkmarx One', actions: ['checkmarx/ast-github-action'], commands: ['cx scan create'], jenkinsSteps: ['checkmarxASTScanner'] },
];
