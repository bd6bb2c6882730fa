import { describe, expect, it } from 'vitest';
import { deployTools } from './deploy-tools.js';
import { localTargets } from './local-targets.js';
import { toolsInScript } from './match.js';
import { previewTools } from './preview-tools.js';
import { remoteExecActions, remoteScriptArguments, remoteScriptInputs } from './remote-exec.js';

const names = (tools: readonly { name: string }[]) => tools.map((t) => t.name);
/** What the catalog finds in a script run on a host, the way a `run:` step's `ssh host '<script>'` is read. */
const overSsh = (script: string) => names(toolsInScript(deployTools, `ssh -i key deploy@\${{ secrets.HOST }} '${script}'`));
const remote = (script: string) => names(toolsInScript(deployTools, script));

describe('remote-execution actions', () => {
  it('name the inputs that hold the remote script, whatever the case, ref or host', () => {
    expect(remoteScriptInputs('appleboy/ssh-action@v1.2.0')).toEqual(['script']);
    expect(remoteScriptInputs('AppleBoy/SSH-Action')).toEqual(['script']);
    expect(remoteScriptInputs('D3rHase/ssh-command-action@v0.3.1')).toEqual(['command']);
    expect(remoteScriptInputs('garygrossgarten/github-action-ssh@release')).toEqual(['command']);
    expect(remoteScriptInputs('fifsky/ssh-action@master')).toEqual(['command']);
    expect(remoteScriptInputs('easingthemes/ssh-deploy@v5')).toEqual(['script_before', 'script_after']);
    expect(remoteScriptInputs('cross-the-world/ssh-scp-ssh-pipelines@latest')).toEqual(['first_ssh', 'last_ssh']);
  });

  it('leave out actions that only copy files, and paths under a remote-execution action', () => {
    expect(remoteScriptInputs('appleboy/scp-action@v0.1.7')).toBeUndefined();
    expect(remoteScriptInputs('burnett01/rsync-deployments@7.0.1')).toBeUndefined();
    expect(remoteScriptInputs('appleboy/ssh-action/sub@v1')).toBeUndefined();
  });

  it('never take an input that names a script file for the script', () => {
    expect(remoteScriptInputs('google-github-actions/ssh-compute@v1')).toEqual(['command']);
    for (const action of remoteExecActions) expect(action.scripts.some((s) => /path|file/.test(s)), action.name).toBe(false);
  });

  it('list each action once, in lower case as GitHub compares names', () => {
    const all = remoteExecActions.map((a) => a.name.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
  });

  it('know the Jenkins SSH Steps plugin command step, not the one that runs a file', () => {
    expect(remoteScriptArguments('sshCommand')).toEqual(['command']);
    expect(remoteScriptArguments('sshScript')).toBeUndefined();
    expect(remoteScriptArguments('sshPut')).toBeUndefined();
  });
});

describe('a remote script counts as `ssh host <script>` does', () => {
  const deploys: readonly [string, string][] = [
    ['cd /srv/shop && docker stack deploy -c stack.yml shop', 'orchestrators'],
    ['docker service update --image shop:1.2 shop_web', 'orchestrators'],
    ['nomad job run /srv/jobs/api.nomad.hcl', 'orchestrators'],
    ['kubectl apply -f /srv/k8s/', 'kubernetes'],
    ['helm upgrade --install web /srv/chart', 'kubernetes'],
    ['cd /srv/infra\nterraform apply -auto-approve', 'terraform'],
    ['sudo -u deploy ansible-playbook site.yml', 'ansible'],
  ];
  for (const [script, tool] of deploys) {
    it(`deploys: ${script.replace('\n', '; ')}`, () => {
      expect(remote(script)).toEqual([tool]);
      expect(overSsh(script)).toEqual([tool]);
    });
  }

  // Not in the deploy catalog, over ssh or not: a pull, a restart or `docker compose up` on a host the
  // pipeline cannot tell from a test box; the catalog would need a remote-only command kind for them.
  const notDeploys = [
    'echo hi',
    'df -h && docker ps',
    'cd /srv/app && git pull',
    'cd /srv/app && git pull && pm2 restart app',
    'sudo systemctl restart app',
    'cd /srv/app && docker compose pull && docker compose up -d',
    'pg_dump shop > /backups/shop.sql',
    'cd /srv/app && npm test',
    'docker stack ls',
    'kubectl apply --dry-run=server -f /srv/k8s/',
    'helm upgrade --install web /srv/chart --dry-run',
    'kubectl --context kind-ci apply -f k8s/',
  ];
  for (const script of notDeploys) {
    it(`does not deploy: ${script}`, () => {
      expect(remote(script)).toEqual([]);
      expect(overSsh(script)).toEqual([]);
    });
  }

  it('keeps previews and targets made on the host as they are over ssh', () => {
    expect(names(toolsInScript(previewTools, 'terraform plan'))).toEqual(names(toolsInScript(previewTools, "ssh prod 'terraform plan'")));
    expect(names(toolsInScript(previewTools, 'terraform plan')).length).toBeGreaterThan(0);
    expect(names(toolsInScript(localTargets, 'docker swarm init && docker stack deploy -c s.yml t'))).toEqual(['swarm']);
    expect(names(toolsInScript(localTargets, "ssh ci 'docker swarm init && docker stack deploy -c s.yml t'"))).toEqual(['swarm']);
  });
});
