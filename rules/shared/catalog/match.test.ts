import { describe, expect, it } from 'vitest';
import { resolvedCommands } from './commands.js';
import { deployTools } from './deploy-tools.js';
import { localTargets } from './local-targets.js';
import { commandUses, isVersionTag, toolForAction, toolForImage, toolForJenkinsStep, toolsInScript } from './match.js';
import { notificationChannels } from './notification-channels.js';
import { securityScanners } from './scanners.js';

const names = (tools: readonly { name: string }[]) => tools.map((t) => t.name);
const commands = (script: string) => resolvedCommands(script).map((c) => [c.executable, ...c.args].join(' '));

describe('shell commands', () => {
  it('take wrappers, assignments and secret injectors off the command', () => {
    expect(commands('sudo -E env X=1 npx --yes snyk test')).toEqual(['snyk test']);
    expect(commands('timeout 10m xargs -n 1 trivy fs')).toEqual(['trivy fs']);
    expect(commands('doppler run -- terraform apply -auto-approve')).toEqual(['terraform apply -auto-approve']);
    expect(commands('poetry run bandit -r src')).toEqual(['bandit -r src']);
    expect(commands('uv tool run zizmor .')).toEqual(['zizmor .']);
  });

  it('name the tool a `go run` package is', () => {
    expect(commands('go run golang.org/x/vuln/cmd/govulncheck@latest ./...')).toEqual(['govulncheck ./...']);
  });

  it('split on every operator, keyword and substitution, and follow `sh -c`', () => {
    expect(commands('if kubectl -n prod apply -f k8s/; then echo ok; fi')).toEqual(['kubectl -n prod apply -f k8s/', 'echo ok', 'fi']);
    expect(commands('VERSION=$(git describe) && docker push app:$VERSION 2>&1 | tee log')).toEqual(['git describe', 'docker push app:$VERSION', 'tee log']);
    expect(commands('bash -ec "helm upgrade --install web ./chart"')).toEqual(['helm upgrade --install web ./chart']);
    expect(commands('scan() {\n  govulncheck ./...\n}\nscan')).toEqual(['scan', 'govulncheck ./...', 'scan']);
  });

  it('follow the command ssh runs on the host it names, after its options', () => {
    expect(commands('ssh -i key -p 2222 -o StrictHostKeyChecking=no deploy@prod "cd /srv && docker stack deploy -c stack.yml app"')).toEqual([
      'ssh -i key -p 2222 -o StrictHostKeyChecking=no deploy@prod cd /srv && docker stack deploy -c stack.yml app',
      'cd /srv',
      'docker stack deploy -c stack.yml app',
    ]);
    expect(commands('ssh deploy@prod kubectl apply -f k8s/')).toEqual(['ssh deploy@prod kubectl apply -f k8s/', 'kubectl apply -f k8s/']);
    expect(commands('ssh -T git@github.com')).toEqual(['ssh -T git@github.com']);
  });

  it('keep quotes, expressions and comments out of the command boundaries', () => {
    expect(commands('echo "a; kubectl apply" \'b | helm\' # terraform apply')).toEqual(['echo a; kubectl apply b | helm']);
    expect(commands('echo ${{ github.ref }} ${VAR:-x} \\\n  --flag')).toEqual(['echo ${{ github.ref }} ${VAR:-x} --flag']);
    expect(commands('aws s3 sync ./site s3://bucket > out.txt')).toEqual(['aws s3 sync ./site s3://bucket']);
  });
});

describe('tool catalog', () => {
  it('finds actions by name, sub-path and without the ref', () => {
    expect(toolForAction(securityScanners, 'github/codeql-action/analyze@v3')?.name).toBe('codeql');
    expect(toolForAction(securityScanners, 'github/codeql-action/init@v3')).toBeUndefined();
    expect(toolForAction(securityScanners, 'Snyk/actions/node@master')?.name).toBe('snyk');
    expect(toolForAction(notificationChannels, 'slackapi/slack-github-action@v2.0.0')?.name).toBe('slack');
    expect(toolForAction(securityScanners, 'docker://aquasec/trivy:0.50.0')?.name).toBe('trivy');
  });

  it('judges actions with conditions on their inputs', () => {
    const inputs = (values: Record<string, string | null>) => (name: string) => values[name];
    expect(toolForAction(deployTools, 'superfly/flyctl-actions/setup-flyctl@master')).toBeUndefined();
    expect(toolForAction(deployTools, 'superfly/flyctl-actions@1.5', inputs({ args: 'deploy --remote-only' }))?.name).toBe('paas');
    expect(toolForAction(deployTools, 'cloudflare/wrangler-action@v3')?.name).toBe('paas');
    expect(toolForAction(deployTools, 'cloudflare/wrangler-action@v3', inputs({ command: 'whoami' }))).toBeUndefined();
    expect(toolForAction(deployTools, 'amondnet/vercel-action@v25', inputs({ 'vercel-args': '--prebuilt' }))).toBeUndefined();
    expect(toolForAction(deployTools, 'docker/build-push-action@v6', inputs({ push: 'true', tags: 'ghcr.io/a/b:1.4.0' }))?.name).toBe('container-release');
    expect(toolForAction(deployTools, 'docker/build-push-action@v6', inputs({ push: 'true', tags: 'ghcr.io/a/b:sha-abc' }))).toBeUndefined();
    expect(toolForAction(deployTools, 'docker/build-push-action@v6', inputs({ push: null, tags: 'ghcr.io/a/b:1.4.0' }))).toBeUndefined();
    expect(toolForAction(deployTools, 'docker/build-push-action@v6', inputs({ push: 'true', tags: null }), { release: true })?.name).toBe('container-release');
  });

  it('finds commands where a shell command starts, not in prose', () => {
    expect(names(toolsInScript(securityScanners, 'npm ci\nnpx --yes snyk test --severity-threshold=high'))).toEqual(['snyk']);
    expect(names(toolsInScript(securityScanners, 'sudo trivy fs . && gitleaks detect'))).toEqual(['trivy', 'gitleaks']);
    expect(names(toolsInScript(securityScanners, 'pipx run zizmor .'))).toEqual(['zizmor']);
    expect(names(toolsInScript(securityScanners, 'echo "remember to run semgrep"'))).toEqual([]);
    expect(names(toolsInScript(securityScanners, './gradlew build sonar -Dsonar.token=$T'))).toEqual(['sonarqube']);
    expect(names(toolsInScript(securityScanners, 'mvn -B verify org.sonarsource.scanner.maven:sonar-maven-plugin:sonar'))).toEqual(['sonarqube']);
    expect(names(toolsInScript(securityScanners, 'docker run --rm -v "$PWD:/src" aquasec/tfsec:v1.28 /src'))).toEqual(['tfsec']);
  });

  it('knows the scanners of every ecosystem, also inside shell functions', () => {
    expect(names(toolsInScript(securityScanners, 'cargo deny --all-features check advisories'))).toEqual(['cargo-deny']);
    expect(names(toolsInScript(securityScanners, 'cargo audit --deny warnings'))).toEqual(['cargo-audit']);
    expect(names(toolsInScript(securityScanners, 'check() {\n  go run golang.org/x/vuln/cmd/govulncheck@v1.1.3 -test ./...\n}\ncheck'))).toEqual(['govulncheck']);
    expect(names(toolsInScript(securityScanners, 'osv-scanner scan source -r . && grype dir:.'))).toEqual(['grype', 'osv-scanner']);
    expect(names(toolsInScript(securityScanners, 'trufflehog git file://. --only-verified'))).toEqual(['trufflehog']);
    expect(names(toolsInScript(securityScanners, 'semgrep ci'))).toEqual(['semgrep']);
    expect(names(toolsInScript(securityScanners, 'uvx zizmor --format sarif .'))).toEqual(['zizmor']);
    expect(toolForAction(securityScanners, 'actions/dependency-review-action@v4')?.name).toBe('dependency-review');
    expect(toolForAction(securityScanners, 'EmbarkStudios/cargo-deny-action@v2')?.name).toBe('cargo-deny');
  });

  it('finds notification webhooks', () => {
    expect(names(toolsInScript(notificationChannels, 'curl -X POST https://hooks.slack.com/services/T/B/X'))).toEqual(['slack']);
    expect(names(toolsInScript(notificationChannels, 'curl -sS -d @payload.json "$SLACK_WEBHOOK_URL"'))).toEqual(['slack']);
    expect(names(toolsInScript(notificationChannels, 'echo "$SLACK_WEBHOOK_URL is set"'))).toEqual([]);
    expect(names(toolsInScript(notificationChannels, 'gh issue create --title failed'))).toEqual(['github-issue']);
    expect(names(toolsInScript(notificationChannels, 'await github.rest.issues.create({ owner, repo, title })'))).toEqual(['github-issue']);
  });

  it('finds deploy commands with the flags and values that make them deploys', () => {
    expect(names(toolsInScript(deployTools, 'terraform -chdir=envs/prod apply -auto-approve'))).toEqual(['terraform']);
    expect(names(toolsInScript(deployTools, 'terraform plan'))).toEqual([]);
    expect(names(toolsInScript(deployTools, 'helm upgrade --install web ./chart'))).toEqual(['kubernetes']);
    expect(names(toolsInScript(deployTools, 'kubectl --namespace prod apply -k overlays/prod'))).toEqual(['kubernetes']);
    expect(names(toolsInScript(deployTools, 'kubectl rollout status deploy/web'))).toEqual([]);
    expect(names(toolsInScript(deployTools, 'kubectl apply --dry-run=server -f k8s/'))).toEqual([]);
    expect(names(toolsInScript(deployTools, 'mkdocs gh-deploy --force'))).toEqual(['pages']);
    expect(names(toolsInScript(deployTools, 'aws s3 cp ./site s3://docs.example.com/ --recursive'))).toEqual(['aws']);
    expect(names(toolsInScript(deployTools, 'aws s3 cp --recursive s3://artifacts/build ./dist'))).toEqual([]);
    expect(names(toolsInScript(deployTools, 'aws --endpoint-url http://localhost:4566 s3 sync . s3://test'))).toEqual([]);
    expect(names(toolsInScript(deployTools, 'netlify deploy --dir=public'))).toEqual([]);
    expect(names(toolsInScript(deployTools, 'netlify deploy --dir=public --prod'))).toEqual(['paas']);
    expect(names(toolsInScript(deployTools, 'kubectl --context kind-ci apply -f k8s/'))).toEqual([]);
    expect(names(toolsInScript(deployTools, 'docker stack deploy -c docker-compose.yml shop'))).toEqual(['orchestrators']);
    expect(names(toolsInScript(deployTools, 'nomad job run jobs/web.nomad.hcl'))).toEqual(['orchestrators']);
    expect(names(toolsInScript(deployTools, 'ssh deploy@prod.example.com "docker service update --image shop:1.2 shop_web"'))).toEqual(['orchestrators']);
    expect(names(toolsInScript(deployTools, 'docker stack ls'))).toEqual([]);
  });

  it('counts an image push as a deploy only for a release', () => {
    expect(names(toolsInScript(deployTools, 'docker push ghcr.io/acme/app:1.4.2'))).toEqual(['container-release']);
    expect(names(toolsInScript(deployTools, 'docker push ghcr.io/acme/app:sha-$GITHUB_SHA'))).toEqual([]);
    expect(names(toolsInScript(deployTools, 'docker push ghcr.io/acme/app:$GITHUB_REF_NAME', { release: true }))).toEqual(['container-release']);
    expect(names(toolsInScript(deployTools, 'docker push localhost:5000/app:1.0.0'))).toEqual([]);
    expect(isVersionTag('v2.0.0-rc.1')).toBe(true);
    expect(isVersionTag('2024.05.01')).toBe(true);
    expect(isVersionTag('v3')).toBe(true);
    expect(isVersionTag('3')).toBe(false);
    expect(isVersionTag('latest')).toBe(false);
  });

  it('labels each deploy command as the catalog names it', () => {
    expect(commandUses(deployTools, 'make build\nhelm upgrade --install web ./chart').map((u) => [u.label, u.start])).toEqual([['helm upgrade', 11]]);
  });

  it('knows targets a job makes for itself', () => {
    expect(names(toolsInScript(localTargets, 'kind create cluster --name ci --wait 2m'))).toEqual(['kind']);
    expect(names(toolsInScript(localTargets, 'curl -sfL https://get.k3s.io | sh -'))).toEqual(['k3s']);
    expect(names(toolsInScript(localTargets, 'docker swarm init && docker stack deploy -c stack.yml test'))).toEqual(['swarm']);
    expect(toolForAction(localTargets, 'helm/kind-action@v1')?.name).toBe('kind');
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
    for (const catalog of [securityScanners, notificationChannels, deployTools, localTargets]) {
      const all = names(catalog);
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it('covers only deploy tools the deploy catalog has', () => {
    const deployNames = new Set(names(deployTools));
    for (const target of localTargets) for (const covered of target.covers) expect(deployNames.has(covered), `${target.name} covers ${covered}`).toBe(true);
  });
});
