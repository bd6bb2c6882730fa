import { describe, expect, it } from 'vitest';
import { deployTools } from './deploy-tools.js';
import { toolForAction, toolForImage, toolForJenkinsStep, toolsInScript } from './match.js';
import { notificationChannels } from './notification-channels.js';
import { securityScanners } from './scanners.js';

const names = (tools: readonly { name: string }[]) => tools.map((t) => t.name);

describe('tool catalog', () => {
  it('finds actions by name, sub-path and without the ref', () => {
    expect(toolForAction(securityScanners, 'github/codeql-action/analyze@v3')?.name).toBe('codeql');
    expect(toolForAction(securityScanners, 'github/codeql-action/init@v3')).toBeUndefined();
    expect(toolForAction(securityScanners, 'Snyk/actions/node@master')?.name).toBe('snyk');
    expect(toolForAction(notificationChannels, 'slackapi/slack-github-action@v2.0.0')?.name).toBe('slack');
    expect(toolForAction(securityScanners, 'docker://aquasec/trivy:0.50.0')?.name).toBe('trivy');
  });

  it('finds commands where a shell command starts, not in prose', () => {
    expect(names(toolsInScript(securityScanners, 'npm ci\nnpx --yes snyk test --severity-threshold=high'))).toEqual(['snyk']);
    expect(names(toolsInScript(securityScanners, 'sudo trivy fs . && gitleaks detect'))).toEqual(['trivy', 'gitleaks']);
    expect(names(toolsInScript(securityScanners, 'pipx run zizmor .'))).toEqual(['zizmor']);
    expect(names(toolsInScript(securityScanners, 'echo "remember to run semgrep"'))).toEqual([]);
    expect(names(toolsInScript(securityScanners, './gradlew build sonar -Dsonar.token=$T'))).toEqual(['sonarqube']);
    expect(names(toolsInScript(securityScanners, 'docker run --rm -v "$PWD:/src" aquasec/tfsec:v1.28 /src'))).toEqual(['tfsec']);
  });

  it('finds notification webhooks and deploy commands', () => {
    expect(names(toolsInScript(notificationChannels, 'curl -X POST https://hooks.slack.com/services/T/B/X'))).toEqual(['slack']);
    expect(names(toolsInScript(notificationChannels, 'gh issue create --title failed'))).toEqual(['github-issue']);
    expect(names(toolsInScript(deployTools, 'terraform -chdir=envs/prod apply -auto-approve'))).toEqual(['terraform']);
    expect(names(toolsInScript(deployTools, 'terraform plan'))).toEqual([]);
    expect(names(toolsInScript(deployTools, 'helm upgrade --install web ./chart'))).toEqual(['kubernetes']);
  });

  it('finds images and Jenkins steps', () => {
    expect(toolForImage(securityScanners, 'docker.io/aquasec/trivy@sha256:abc')?.name).toBe('trivy');
    expect(toolForJenkinsStep(notificationChannels, 'slackSend')?.name).toBe('slack');
    expect(toolForJenkinsStep(notificationChannels, 'emailext')?.name).toBe('email');
    expect(toolForJenkinsStep(notificationChannels, 'office365ConnectorSend')?.name).toBe('msteams');
    expect(toolForJenkinsStep(securityScanners, 'withSonarQubeEnv')?.name).toBe('sonarqube');
    expect(toolForJenkinsStep(securityScanners, 'dependencyCheck')?.name).toBe('dependency-check');
    expect(toolForJenkinsStep(securityScanners, 'prismaCloudScanImage')?.name).toBe('prisma-cloud');
    expect(toolForJenkinsStep(notificationChannels, 'webexNotifier')?.name).toBe('webex');
    expect(toolForJenkinsStep(notificationChannels, 'slackUploadFile')?.name).toBe('slack');
  });

  it('gives every tool a unique canonical name', () => {
    for (const catalog of [securityScanners, notificationChannels, deployTools]) {
      const all = names(catalog);
      expect(new Set(all).size).toBe(all.length);
    }
  });
});
