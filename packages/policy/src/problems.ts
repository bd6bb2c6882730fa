/** A problem with a policy, a policy file or a bundle, named as precisely as the source allows. */
export interface PolicyProblem {
  /** The policy file, bundle or plugin as the configuration names it. */
  readonly file: string;
  /** The policy id, entrypoint or rule the problem is in. */
  readonly policy?: string;
  /** Key path inside the policy file (`['policies', 0, 'require', 1, 'min']`). */
  readonly path?: readonly (string | number)[];
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** Thrown when policies cannot be loaded; hosts print each problem and exit 2, as for a bad config. */
export class PolicyLoadError extends Error {
  constructor(readonly problems: readonly PolicyProblem[]) {
    super(problems.map(formatPolicyProblem).join('\n'));
    this.name = 'PolicyLoadError';
  }
}

export function formatPolicyProblem(p: PolicyProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  const policy = p.policy === undefined ? '' : ` policy "${p.policy}"`;
  const key = p.path === undefined || p.path.length === 0 ? '' : ` ${formatPath(p.path)}`;
  const head = `${where}:${policy}${key}`;
  return `${head}${head.endsWith(':') ? '' : ':'} ${p.message}`;
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Text of anything thrown, including the bare strings the OPA SDK throws. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}
