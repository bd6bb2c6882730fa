/**
 * An action (or Jenkins step) that runs a shell script on another machine over ssh. What the script runs
 * there counts as `ssh host '<script>'` counts in a `run:` step (see commands.ts): each command of it is
 * matched against the catalogs, so `docker stack deploy` or `helm upgrade` in it is a deploy and
 * `docker ps`, `df -h` or `git pull` are not. The host (a literal or `${{ secrets.HOST }}`) does not
 * matter, as it does not for `ssh`.
 */
export interface RemoteExecSignature {
  /** `owner/repo` of a GitHub action, or the name of a Jenkins pipeline step. */
  readonly name: string;
  /**
   * The inputs (step arguments) whose text is a script run on the remote host, compared without case (GitHub
   * reads `SCRIPT_AFTER` and `script_after` alike). Inputs that name a script *file* are left out: its
   * text is not in the pipeline, and what cannot be read is never counted.
   */
  readonly scripts: readonly string[];
}

/**
 * Remote-execution actions, with the inputs their `action.yml` documents as commands run on the host.
 * Copy-only actions (`appleboy/scp-action`, `burnett01/rsync-deployments`) are not here: files written
 * to a server change nothing that runs until a command picks them up, and that command is what deploys.
 */
export const remoteExecActions: readonly RemoteExecSignature[] = [
  { name: 'appleboy/ssh-action', scripts: ['script'] },
  { name: 'garygrossgarten/github-action-ssh', scripts: ['command'] },
  { name: 'fifsky/ssh-action', scripts: ['command'] },
  { name: 'd3rhase/ssh-command-action', scripts: ['command'] },
  { name: 'jimcronqvist/action-ssh', scripts: ['command'] },
  { name: 'cross-the-world/ssh-pipeline', scripts: ['script'] },
  // ssh, then scp, then ssh: the two ssh inputs run on the host; `scp` only copies.
  { name: 'cross-the-world/ssh-scp-ssh-pipelines', scripts: ['first_ssh', 'last_ssh'] },
  // rsync with scripts before and after it on the host; the rsync alone copies files.
  { name: 'easingthemes/ssh-deploy', scripts: ['script_before', 'script_after'] },
  // `script` of this action is the path of a file to run, not a script.
  { name: 'google-github-actions/ssh-compute', scripts: ['command'] },
];

/** Jenkins SSH Steps plugin: `sshCommand remote: remote, command: '...'` (`sshScript` runs a file: not read). */
export const remoteExecJenkinsSteps: readonly RemoteExecSignature[] = [{ name: 'sshCommand', scripts: ['command'] }];

const byName = (list: readonly RemoteExecSignature[]) => new Map(list.map((s) => [s.name.toLowerCase(), s.scripts.map((i) => i.toLowerCase())]));
const actions = byName(remoteExecActions);
const jenkinsSteps = new Map(remoteExecJenkinsSteps.map((s) => [s.name, s.scripts]));

/**
 * The inputs of a remote-execution action that hold its remote script (lower case), or undefined when the
 * action is not one. `action` is `owner/repo[/path]`, with or without `@ref`; only the action itself
 * counts, not actions under its path.
 */
export function remoteScriptInputs(action: string): readonly string[] | undefined {
  const at = action.indexOf('@');
  return actions.get((at === -1 ? action : action.slice(0, at)).toLowerCase());
}

/** The named arguments of a Jenkins step that hold its remote script, or undefined when the step is not one. */
export function remoteScriptArguments(step: string): readonly string[] | undefined {
  return jenkinsSteps.get(step);
}
