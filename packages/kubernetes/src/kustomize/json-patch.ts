import { builtSeq, seqItems, text, type ManifestMap, type ManifestValue } from '../model/manifest-value.js';
import { withEntry, withoutEntry } from './edit.js';

/** Why a JSON patch could not be applied as nospof reads it. */
export class PatchFailed extends Error {}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchFailed(`the path "${path}" is not a JSON pointer`);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function index(token: string, length: number, allowEnd: boolean): number {
  if (token === '-' && allowEnd) return length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new PatchFailed(`"${token}" is not a list index`);
  const i = Number(token);
  if (i > length || (!allowEnd && i === length)) throw new PatchFailed(`index ${i} is past the end of the list`);
  return i;
}

/** Reads the value at a pointer, or undefined. */
function get(root: ManifestValue, tokens: readonly string[]): ManifestValue | undefined {
  let current: ManifestValue | undefined = root;
  for (const token of tokens) {
    if (current?.kind === 'map') current = current.get(token);
    else if (current?.kind === 'seq') current = current.items[Number(token)];
    else return undefined;
  }
  return current;
}

type Edit = (parent: ManifestValue, last: string) => ManifestValue;

/** Rebuilds the path to the pointer's parent and applies `edit` there. */
function change(root: ManifestValue, tokens: readonly string[], edit: Edit): ManifestValue {
  const [head, ...rest] = tokens;
  if (head === undefined) throw new PatchFailed('the patch targets the whole object');
  if (rest.length === 0) return edit(root, head);
  if (root.kind === 'map') {
    const child = root.get(head);
    if (!child) throw new PatchFailed(`no "${head}" on the patch path`);
    return withEntry(root, head, change(child, rest, edit), root.entry(head)?.keyNode ?? root);
  }
  if (root.kind === 'seq') {
    const i = index(head, root.items.length, false);
    const items = [...root.items];
    items[i] = change(items[i] as ManifestValue, rest, edit);
    return builtSeq(items, root, root.flow);
  }
  throw new PatchFailed(`"${head}" is on a scalar`);
}

const add =
  (value: ManifestValue): Edit =>
  (parent, last) => {
    if (parent.kind === 'map') return withEntry(parent, last, value, value);
    if (parent.kind === 'seq') {
      const items = [...parent.items];
      items.splice(index(last, items.length, true), 0, value);
      return builtSeq(items, parent, parent.flow);
    }
    throw new PatchFailed('cannot add to a scalar');
  };

const replace =
  (value: ManifestValue): Edit =>
  (parent, last) => {
    if (parent.kind === 'map') {
      if (!parent.entry(last)) throw new PatchFailed(`no "${last}" to replace`);
      return withEntry(parent, last, value, value);
    }
    if (parent.kind === 'seq') {
      const items = [...parent.items];
      items[index(last, items.length, false)] = value;
      return builtSeq(items, parent, parent.flow);
    }
    throw new PatchFailed('cannot replace inside a scalar');
  };

const remove: Edit = (parent, last) => {
  if (parent.kind === 'map') {
    if (!parent.entry(last)) throw new PatchFailed(`no "${last}" to remove`);
    return withoutEntry(parent, last);
  }
  if (parent.kind === 'seq') {
    const items = [...parent.items];
    items.splice(index(last, items.length, false), 1);
    return builtSeq(items, parent, parent.flow);
  }
  throw new PatchFailed('cannot remove from a scalar');
};

/** Applies JSON 6902 operations to an object; values the patch adds point at the patch. */
export function applyJsonPatch(root: ManifestMap, operations: ManifestValue): ManifestMap {
  let current: ManifestValue = root;
  for (const operation of seqItems(operations)) {
    if (operation.kind !== 'map') throw new PatchFailed('an operation is not a map');
    const op = text(operation.get('op'));
    const path = text(operation.get('path'));
    if (op === undefined || path === undefined) throw new PatchFailed('an operation has no op or path');
    const tokens = pointer(path);
    const value = operation.get('value');
    switch (op) {
      case 'add':
      case 'replace':
        if (!value) throw new PatchFailed(`"${op}" without a value`);
        current = change(current, tokens, op === 'add' ? add(value) : replace(value));
        break;
      case 'remove':
        current = change(current, tokens, remove);
        break;
      case 'move':
      case 'copy': {
        const from = text(operation.get('from'));
        const moved = from === undefined ? undefined : get(current, pointer(from));
        if (!moved || from === undefined) throw new PatchFailed(`"${op}" from a path that does not exist`);
        if (op === 'move') current = change(current, pointer(from), remove);
        current = change(current, tokens, add(moved));
        break;
      }
      case 'test':
        // A failing test fails the whole build in kustomize; nospof cannot run a build, so it reads on.
        break;
      default:
        throw new PatchFailed(`unknown operation "${op}"`);
    }
  }
  if (current.kind !== 'map') throw new PatchFailed('the patch replaced the object with something that is not a map');
  return current;
}

/** True for a list of JSON 6902 operations (`- op: replace` / `path: /spec/replicas`). */
export function isJsonPatch(value: ManifestValue | undefined): boolean {
  return value?.kind === 'seq' && value.items.length > 0 && value.items.every((i) => i.kind === 'map' && text(i.get('op')) !== undefined && i.get('path') !== undefined);
}
