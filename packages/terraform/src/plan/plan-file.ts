import type { ParseResult, SourceFile } from '@nospof/core';
import type { PlanResource, TerraformFile } from '../model/types.js';
import { dirname } from '../util/paths.js';

/** `terraform show -json` output starts with these keys; a state file has `values` instead of planned values. */
export function looksLikePlan(head: string): boolean {
  return /^\s*\{\s*"format_version"\s*:/.test(head) && head.includes('"terraform_version"');
}

interface PlanModule {
  readonly resources?: readonly PlanJsonResource[];
  readonly child_modules?: readonly PlanModule[];
}

interface PlanJsonResource {
  readonly address?: string;
  readonly mode?: string;
  readonly type?: string;
  readonly name?: string;
  readonly values?: Record<string, unknown>;
  readonly change?: { readonly after?: Record<string, unknown> | null; readonly actions?: readonly string[] };
}

function collect(module: PlanModule | undefined, out: PlanJsonResource[]): void {
  if (!module) return;
  out.push(...(module.resources ?? []));
  for (const child of module.child_modules ?? []) collect(child, out);
}

/**
 * Where each `"address": "<value>"` first appears in the text, found in one linear pass (a plan may hold
 * tens of thousands of resources: searching the text once per resource was quadratic).
 */
export function addressPositions(text: string): Map<string, { start: number; end: number }> {
  const positions = new Map<string, { start: number; end: number }>();
  const key = '"address"';
  for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + key.length)) {
    let i = at + key.length;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text[i] !== ':') continue;
    i++;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text[i] !== '"') continue;
    const valueStart = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) break;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(valueStart, i + 1));
    } catch {
      continue;
    }
    if (typeof value === 'string' && !positions.has(value)) positions.set(value, { start: at, end: i + 1 });
  }
  return positions;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Reads plan JSON. Values are fully resolved, so every attribute is known. Positions come from the first
 * `"address": "<address>"` of each resource in the text, which is where a finding on it lands when the
 * configuration is not in the scanned tree.
 */
export function parsePlan(source: SourceFile): ParseResult<TerraformFile> {
  let json: unknown;
  try {
    json = JSON.parse(source.text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { errors: [{ message: `invalid plan JSON: ${message}`, range: source.lines.range(0, 0) }], comments: [] };
  }
  const plan = json as { planned_values?: { root_module?: PlanModule }; resource_changes?: readonly PlanJsonResource[] };
  if (typeof json !== 'object' || json === null || (!plan.planned_values && !plan.resource_changes)) {
    return { errors: [], comments: [], notApplicable: true };
  }
  const raw: PlanJsonResource[] = [];
  collect(plan.planned_values?.root_module, raw);
  if (raw.length === 0) {
    for (const change of plan.resource_changes ?? []) {
      if (change.change?.actions?.includes('delete') && !change.change.actions.includes('create')) continue;
      raw.push({ ...change, values: change.change?.after ?? {} });
    }
  }
  const blocks: PlanResource[] = [];
  const positions = addressPositions(source.text);
  for (const r of raw) {
    if (r.mode !== 'managed' || !r.address || !r.type || !r.name) continue;
    const at = positions.get(r.address);
    const header = source.lines.range(at?.start ?? 0, at?.end ?? 0);
    blocks.push({
      type: 'Resource',
      resourceType: r.type,
      name: r.name,
      resource: r.address,
      file: source.path,
      header,
      range: header,
      values: r.values ?? {},
      plan: true,
    });
  }
  const root: TerraformFile = {
    type: 'TerraformFile',
    kind: 'plan',
    path: source.path,
    dir: dirname(source.path),
    blocks,
    json,
    range: source.lines.range(0, source.text.length),
  };
  return { root, errors: [], comments: [] };
}
