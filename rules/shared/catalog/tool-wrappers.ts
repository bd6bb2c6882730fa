import { imageName } from './match.js';

/**
 * An action or container image whose entrypoint is one CLI, with the inputs that are that CLI's
 * arguments: `actions-hub/kubectl` with `args: apply -f k8s/` runs `kubectl apply -f k8s/`, and
 * `docker://bitnami/kubectl` with `args: rollout restart deployment/api` runs `kubectl rollout restart ...`.
 * Read as that command line, the step is matched against the catalogs like a `run:` step; read as a
 * script on its own, `apply -f k8s/` names no tool at all.
 */
export interface ToolWrapper {
  /** `owner/repo` of the action, or the image name (`bitnami/kubectl`), lower case. */
  readonly name: string;
  /** The CLI the entrypoint runs. */
  readonly executable: string;
  /** The inputs holding its arguments, lower case. */
  readonly inputs: readonly string[];
}

/** kubectl wrapper actions, with the argument input their README or `action.yml` documents. */
export const toolWrapperActions: readonly ToolWrapper[] = [
  { name: 'actions-hub/kubectl', executable: 'kubectl', inputs: ['args'] },
  { name: 'steebchen/kubectl', executable: 'kubectl', inputs: ['command'] },
  { name: 'danielr1996/kubectl-action', executable: 'kubectl', inputs: ['args'] },
  { name: 'colpal/actions-kubectl', executable: 'kubectl', inputs: ['args'] },
  { name: 'sarge841/action-kubectl-cli', executable: 'kubectl', inputs: ['args'] },
];

/** Images whose entrypoint is the CLI (`docker://` steps pass `with.args` to it). */
export const toolWrapperImages: readonly ToolWrapper[] = [
  { name: 'bitnami/kubectl', executable: 'kubectl', inputs: ['args'] },
  { name: 'lachlanevenson/k8s-kubectl', executable: 'kubectl', inputs: ['args'] },
  { name: 'alpine/helm', executable: 'helm', inputs: ['args'] },
  { name: 'hashicorp/terraform', executable: 'terraform', inputs: ['args'] },
];

const actions = new Map(toolWrapperActions.map((w) => [w.name, w] as const));
const images = new Map(toolWrapperImages.map((w) => [w.name, w] as const));

/** The wrapper an action (`owner/repo[/path][@ref]`) is, if any: only the action itself, not one under its path. */
export function toolWrapperForAction(action: string): ToolWrapper | undefined {
  const at = action.indexOf('@');
  return actions.get((at === -1 ? action : action.slice(0, at)).toLowerCase());
}

/** The wrapper a container image (`docker://bitnami/kubectl:1.30`) is, if any. */
export function toolWrapperForImage(image: string): ToolWrapper | undefined {
  return images.get(imageName(image));
}

/**
 * The command line a wrapper runs for one input's text: the CLI, then the arguments (on one line: the
 * runner passes them to one process). Arguments that already start with the CLI's name are taken as they are.
 */
export function wrappedCommand(wrapper: ToolWrapper, args: string): string {
  // Split and trimmed, not a `\s*\n\s*` pattern: that backtracks quadratically on a long run of spaces.
  const line = args
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
  if (line === '') return '';
  return line === wrapper.executable || line.startsWith(`${wrapper.executable} `) ? line : `${wrapper.executable} ${line}`;
}
