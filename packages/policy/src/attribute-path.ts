import type { AttributePath } from '@nospof/core';

const MAX_SEGMENTS = 64;

/**
 * Reads an attribute path: an array of keys and indexes, or dotted text where `[n]` and all-digit
 * segments are indexes (`spec.template.spec.containers[0].image`, `containers.0.image`); `[*]` is kept as the
 * `*` segment, which declarative policies read as "every element". Keys that contain
 * a dot (`metadata.annotations["nospof.dev/ignore"]`) need the array form or `["..."]`.
 */
export function parseAttributePath(path: unknown): AttributePath | undefined {
  if (Array.isArray(path)) {
    if (path.length > MAX_SEGMENTS) return undefined;
    return path.every((p) => typeof p === 'string' || (Number.isInteger(p) && (p as number) >= 0)) ? (path as (string | number)[]) : undefined;
  }
  if (typeof path !== 'string' || path.length > 1024) return undefined;
  const out: (string | number)[] = [];
  let i = 0;
  let key = '';
  const flush = () => {
    if (key !== '') out.push(/^\d+$/.test(key) ? Number(key) : key);
    key = '';
  };
  while (i < path.length) {
    const c = path[i] as string;
    if (c === '.') {
      if (key === '' && (i === 0 || path[i - 1] !== ']')) return undefined;
      flush();
      i++;
    } else if (c === '[') {
      flush();
      const close = path.indexOf(']', i);
      if (close === -1) return undefined;
      const inner = path.slice(i + 1, close);
      if (/^\d+$/.test(inner)) out.push(Number(inner));
      else if (inner === '*') out.push('*');
      else if (inner.length >= 2 && (inner[0] === '"' || inner[0] === "'") && inner[inner.length - 1] === inner[0]) out.push(inner.slice(1, -1));
      else return undefined;
      i = close + 1;
    } else {
      key += c;
      i++;
    }
  }
  if (path.endsWith('.')) return undefined;
  flush();
  return out.length === 0 || out.length > MAX_SEGMENTS ? undefined : out;
}

export function formatAttributePath(path: AttributePath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z0-9_$-]+$/.test(p) ? (i === 0 ? p : `.${p}`) : `["${p}"]`)).join('');
}
