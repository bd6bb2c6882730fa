import type { Range } from '@nospof/core';
import type { Text, Uses, UsesTarget } from '../model.js';

/** Reads what a `uses:` names: a local path, `owner/repo[/path]@ref`, or `docker://image`. */
export function parseUsesTarget(value: string): UsesTarget | undefined {
  const v = value.length > 0 && value.charCodeAt(0) > 32 && value.charCodeAt(value.length - 1) > 32 ? value : value.trim();
  if (v.startsWith('./')) {
    let end = v.length;
    while (end > 2 && v[end - 1] === '/') end--;
    return { kind: 'local', path: v.slice(2, end) };
  }
  if (v.startsWith('docker://')) return { kind: 'docker', image: v.slice('docker://'.length) };
  const at = v.lastIndexOf('@');
  if (at <= 0) return undefined;
  const first = v.indexOf('/');
  if (first <= 0 || first > at) return undefined;
  const second = v.indexOf('/', first + 1);
  const repoEnd = second === -1 || second > at ? at : second;
  if (repoEnd === first + 1) return undefined;
  return { kind: 'repository', owner: v.slice(0, first), repo: v.slice(first + 1, repoEnd), path: repoEnd === at ? '' : v.slice(repoEnd + 1, at), ref: v.slice(at + 1) };
}

/** A `uses:` whose key range and target are worked out on first use. */
class UsesNode implements Uses {
  private parsed: UsesTarget | null | undefined;

  constructor(
    private readonly keyAt: { readonly range: Range },
    readonly value: Text,
  ) {}

  get key(): Range {
    return this.keyAt.range;
  }

  get target(): UsesTarget | undefined {
    if (this.parsed === undefined) this.parsed = this.value.dynamic ? null : (parseUsesTarget(this.value.text) ?? null);
    return this.parsed ?? undefined;
  }
}

export function buildUses(keyAt: { readonly range: Range }, text: Text): Uses {
  return new UsesNode(keyAt, text);
}

/** `owner/repo[/path]` in lower case, without the ref: how catalogs name actions. */
export function actionName(uses: Uses | undefined): string | undefined {
  const t = uses?.target;
  if (!t) return undefined;
  if (t.kind === 'repository') return `${t.owner}/${t.repo}${t.path ? `/${t.path}` : ''}`.toLowerCase();
  if (t.kind === 'docker') return `docker://${t.image}`.toLowerCase();
  return `./${t.path}`;
}
