import type { Range } from '@nospof/core';
import type { Text, Uses, UsesTarget } from '../model.js';

/** Reads what a `uses:` names: a local path, `owner/repo[/path]@ref`, or `docker://image`. */
export function parseUsesTarget(value: string): UsesTarget | undefined {
  const v = value.trim();
  if (v.startsWith('./')) return { kind: 'local', path: v.slice(2).replace(/\/+$/, '') };
  if (v.startsWith('docker://')) return { kind: 'docker', image: v.slice('docker://'.length) };
  const at = v.lastIndexOf('@');
  if (at <= 0) return undefined;
  const [owner, repo, ...rest] = v.slice(0, at).split('/');
  if (!owner || !repo) return undefined;
  return { kind: 'repository', owner, repo, path: rest.join('/'), ref: v.slice(at + 1) };
}

/** A `uses:` whose key range is computed on first use. */
class UsesNode implements Uses {
  constructor(
    private readonly keyAt: { readonly range: Range },
    readonly value: Text,
    readonly target: UsesTarget | undefined,
  ) {}

  get key(): Range {
    return this.keyAt.range;
  }
}

export function buildUses(keyAt: { readonly range: Range }, text: Text): Uses {
  return new UsesNode(keyAt, text, text.dynamic ? undefined : parseUsesTarget(text.text));
}

/** `owner/repo[/path]` in lower case, without the ref: how catalogs name actions. */
export function actionName(uses: Uses | undefined): string | undefined {
  const t = uses?.target;
  if (!t) return undefined;
  if (t.kind === 'repository') return `${t.owner}/${t.repo}${t.path ? `/${t.path}` : ''}`.toLowerCase();
  if (t.kind === 'docker') return `docker://${t.image}`.toLowerCase();
  return `./${t.path}`;
}
