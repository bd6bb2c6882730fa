import type { DeploymentUnit, ParsedFile } from '@nospof/core';
import type { PlanResource, TerraformFile } from '../model/types.js';
import { isLocalSource, joinPath } from '../util/paths.js';
import type { ManifestEntry } from './manifest.js';
import { buildModuleDefs, type ModuleDef } from './module-def.js';
import { literalString, localTarget, rootDefs, staticAddresses, stripKeys } from './terraform-index.js';
import { terragruntSourceKey, terragruntTargets } from './terragrunt.js';

/**
 * Terraform deployment units: one per root module (a directory of `.tf` files no other module of the scan
 * calls: each `examples/*`, each `envs/*`, a module repository's root when nothing calls it), with every
 * module it reaches through local sources (transitively), the registry modules `terraform init` installed
 * for it (its `.terraform/modules/modules.json`), the tfvars and templates of those directories, and the
 * plan files whose resources are its own. A module called by several roots is in each of their units.
 */
export function terraformUnits(files: readonly ParsedFile<TerraformFile>[]): DeploymentUnit[] {
  const byDir = new Map<string, string[]>();
  const roots: TerraformFile[] = [];
  const manifests: ManifestEntry[] = [];
  const manifestFiles = new Map<string, string>();
  const plans: TerraformFile[] = [];
  const terragrunt: TerraformFile[] = [];
  for (const file of files) {
    const root = file.root;
    if (!root) continue;
    roots.push(root);
    if (root.kind === 'terragrunt') {
      terragrunt.push(root);
      continue;
    }
    if (root.kind === 'plan') {
      plans.push(root);
      continue;
    }
    if (root.kind === 'manifest') {
      if (Array.isArray(root.json)) manifests.push(...(root.json as ManifestEntry[]));
      manifestFiles.set(root.dir, root.path);
      continue;
    }
    const list = byDir.get(root.dir);
    if (list) list.push(root.path);
    else byDir.set(root.dir, [root.path]);
  }
  const defs = buildModuleDefs(roots);
  const units: { id: string; def: ModuleDef; files: Set<string> }[] = [];
  for (const def of rootDefs(defs, manifests)) {
    const dirs = reachable(defs, def.dir, manifests);
    const unitFiles = new Set<string>();
    for (const dir of dirs) for (const path of byDir.get(dir) ?? []) unitFiles.add(path);
    const manifest = manifestFiles.get(def.dir);
    if (manifest) unitFiles.add(manifest);
    units.push({ id: def.dir || '.', def, files: unitFiles });
  }
  for (const plan of plans) {
    const owner = planOwner(plan, units, defs, manifests);
    owner?.files.add(plan.path);
  }
  // A Terragrunt file joins the unit of the module it runs: its inputs set that module's variables.
  if (terragrunt.length > 0) {
    const targets = terragruntTargets(terragrunt, new Set(defs.keys()));
    for (const unit of units) for (const file of targets.get(unit.def.dir) ?? []) unit.files.add(file);
  }
  return units.map((u) => ({ id: u.id, files: [...u.files] }));
}

/**
 * Everything `terraformUnits` reads of one file (`Language.unitKey`), so an edit that leaves every key as
 * it was (a changed attribute value) regroups nothing: its kind and directory; for configuration, its
 * module calls with their literal sources and its resource addresses (plans are matched to roots by
 * them); for a plan, its resource addresses; for a module manifest, its entries. Keep it beside
 * `terraformUnits`: a key that misses something the grouping reads makes incremental runs wrong.
 */
export function terraformUnitKey(file: ParsedFile<TerraformFile>): string {
  const root = file.root;
  if (!root) return '';
  if (root.kind === 'manifest') return JSON.stringify({ kind: root.kind, dir: root.dir, json: Array.isArray(root.json) ? root.json : null });
  if (root.kind === 'plan') {
    const addresses = root.blocks.filter((b): b is PlanResource => b.type === 'Resource' && 'plan' in b).map((r) => stripKeys(r.resource));
    return JSON.stringify({ kind: root.kind, dir: root.dir, plan: addresses });
  }
  if (root.kind === 'terragrunt') return JSON.stringify({ kind: root.kind, dir: root.dir, source: terragruntSourceKey(root) });
  if (root.kind !== 'config') return JSON.stringify({ kind: root.kind, dir: root.dir });
  const calls: [string, string | null][] = [];
  const resources: string[] = [];
  for (const node of root.blocks) {
    if (node.type === 'ModuleCall') calls.push([node.name, literalString(node.block.body, 'source') ?? null]);
    else if (node.type === 'Resource' && !('plan' in node)) resources.push(node.resource);
  }
  return JSON.stringify({ kind: root.kind, dir: root.dir, calls, resources });
}

/** Directories a root reaches: local calls (relative to the caller) and the modules installed for the root. */
function reachable(defs: ReadonlyMap<string, ModuleDef>, rootDir: string, manifests: readonly ManifestEntry[]): Set<string> {
  const seen = new Set<string>();
  // A loop, not `[rootDir, ...manifests.filter().map()]`: `map` returns a holey list once optimised and a
  // packed one before, and the spread of it deoptimised this function in the timed bench rounds.
  const stack = [rootDir];
  for (const m of manifests) if (m.root === rootDir) stack.push(m.dir);
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const def = defs.get(dir);
    for (const call of def?.calls.values() ?? []) {
      // Read once per block and directory: every run groups all of its files into units.
      const target = localTarget(dir, call);
      if (target !== undefined && !seen.has(target)) stack.push(target);
    }
  }
  return seen;
}

/** The unit whose configuration shares the most resource addresses with a plan (ties: the plan's own directory). */
function planOwner<U extends { def: ModuleDef }>(plan: TerraformFile, units: readonly U[], defs: ReadonlyMap<string, ModuleDef>, manifests: readonly ManifestEntry[]): U | undefined {
  const addresses = plan.blocks.filter((b): b is PlanResource => b.type === 'Resource' && 'plan' in b).map((r) => stripKeys(r.resource));
  let best: U | undefined;
  let bestCount = 0;
  for (const unit of units) {
    const rootDir = unit.def.dir;
    const own = staticAddresses(defs, unit.def, (def, call, key) => {
      const source = literalString(call.block.body, 'source');
      if (source === undefined) return undefined;
      if (isLocalSource(source)) return joinPath(def.dir, source);
      return manifests.find((m) => m.key === key && m.root === rootDir)?.dir;
    });
    let count = 0;
    for (const address of addresses) if (own.has(address)) count++;
    if (count > bestCount || (count === bestCount && count > 0 && rootDir === plan.dir)) [best, bestCount] = [unit, count];
  }
  return best;
}
