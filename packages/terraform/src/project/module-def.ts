import type { Attribute, Body } from '../hcl/ast.js';
import type { DataSource, ModuleCall, Output, Resource, TerraformFile, Variable } from '../model/types.js';
import { basename } from '../util/paths.js';

/** A local value: the attribute that defines it and the file it is in. */
export interface LocalDef {
  readonly attribute: Attribute;
  readonly file: string;
}

/** A tfvars file's attributes, in the order Terraform applies them. */
export interface VarFile {
  readonly path: string;
  readonly body: Body;
}

/** The static content of one module directory: every block of its `.tf` / `.tf.json` files. */
export interface ModuleDef {
  readonly dir: string;
  readonly files: readonly TerraformFile[];
  readonly resources: ReadonlyMap<string, Resource>;
  readonly data: ReadonlyMap<string, DataSource>;
  readonly calls: ReadonlyMap<string, ModuleCall>;
  readonly variables: ReadonlyMap<string, Variable>;
  readonly locals: ReadonlyMap<string, LocalDef>;
  readonly outputs: ReadonlyMap<string, Output>;
  /** terraform.tfvars(.json) then *.auto.tfvars(.json) in lexical order: the files Terraform loads itself. */
  readonly autoVarFiles: readonly VarFile[];
  /**
   * Blocks an override file (`override.tf`, `*_override.tf`, `.tf.json` alike) changes, by
   * `overrideKey`, with the override file. Terraform merges the override into the block; nospof does not,
   * so what such a block, variable or local is once merged is unknown.
   */
  readonly overridden: ReadonlyMap<string, string>;
}

/** `override.tf`, `override.tf.json`, `*_override.tf`, `*_override.tf.json`: merged into other files' blocks. */
export function isOverrideFile(path: string): boolean {
  const name = basename(path);
  return name === 'override.tf' || name === 'override.tf.json' || name.endsWith('_override.tf') || name.endsWith('_override.tf.json');
}

/** The kinds of block an override file can change. */
export type OverrideKind = 'resource' | 'data' | 'module' | 'variable' | 'output' | 'local';

/** The key `ModuleDef.overridden` uses for a block of the module: `resource:aws_db_instance.main`, `local:name`. */
export function overrideKey(kind: OverrideKind, name: string): string {
  return `${kind}:${name}`;
}

/**
 * The override file that changes a block of the module, if any. Most modules have no override file: the
 * key is built only when one has, since variables, locals and resources ask on every first read.
 */
export function overrideIn(def: ModuleDef, kind: OverrideKind, name: string): string | undefined {
  return def.overridden.size === 0 ? undefined : def.overridden.get(overrideKey(kind, name));
}

function autoVarRank(name: string): number | undefined {
  if (name === 'terraform.tfvars') return 0;
  if (name === 'terraform.tfvars.json') return 1;
  if (name.endsWith('.auto.tfvars') || name.endsWith('.auto.tfvars.json')) return 2;
  return undefined;
}

/** Definitions already built, by the first file of their directory: every unit reaching a module shares them. */
const built = new WeakMap<TerraformFile, { readonly files: readonly TerraformFile[]; readonly def: ModuleDef | undefined }>();

function sameFiles(a: readonly TerraformFile[], b: readonly TerraformFile[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Groups parsed files by directory into module definitions. A definition depends only on the parsed
 * files of its directory, so a module reached by many units (a module repository's root, called by each
 * example) is built once per parse and shared: definitions are never changed after they are built.
 */
export function buildModuleDefs(files: readonly TerraformFile[]): Map<string, ModuleDef> {
  const byDir = new Map<string, TerraformFile[]>();
  for (const file of files) {
    if (file.kind !== 'config' && file.kind !== 'tfvars') continue;
    const list = byDir.get(file.dir);
    if (list) list.push(file);
    else byDir.set(file.dir, [file]);
  }
  const defs = new Map<string, ModuleDef>();
  for (const [dir, list] of byDir) {
    list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const first = list[0] as TerraformFile;
    const cached = built.get(first);
    let def: ModuleDef | undefined;
    if (cached && sameFiles(cached.files, list)) def = cached.def;
    else {
      def = buildModuleDef(dir, list);
      built.set(first, { files: list, def });
    }
    if (def) defs.set(dir, def);
  }
  return defs;
}

/** One directory's definition from its files, sorted by path; undefined when it has no `.tf` file. */
function buildModuleDef(dir: string, list: readonly TerraformFile[]): ModuleDef | undefined {
  const resources = new Map<string, Resource>();
  const data = new Map<string, DataSource>();
  const calls = new Map<string, ModuleCall>();
  const variables = new Map<string, Variable>();
  const locals = new Map<string, LocalDef>();
  const outputs = new Map<string, Output>();
  const config = list.filter((f) => f.kind === 'config');
  if (config.length === 0) return undefined;
  const overrides = config.filter((f) => isOverrideFile(f.path));
  // A directory of override files alone has nothing to merge them into: Terraform refuses it, nospof reads it as written.
  const primary = overrides.length === config.length ? config : config.filter((f) => !isOverrideFile(f.path));
  for (const file of primary) {
    for (const node of file.blocks) {
      if (node.type === 'Resource' && !('plan' in node)) resources.set(node.resource, node);
      else if (node.type === 'DataSource') data.set(`${node.dataType}.${node.name}`, node);
      else if (node.type === 'ModuleCall') calls.set(node.name, node);
      else if (node.type === 'Variable') variables.set(node.name, node);
      else if (node.type === 'Output') outputs.set(node.name, node);
      else if (node.type === 'Locals') {
        for (const item of node.block.body.items) if (item.type === 'Attribute') locals.set(item.name.name, { attribute: item, file: file.path });
      }
    }
  }
  const overridden = new Map<string, string>();
  if (primary !== config) {
    const mark = (key: string, present: boolean, file: string) => {
      if (present && !overridden.has(key)) overridden.set(key, file);
    };
    for (const file of overrides) {
      for (const node of file.blocks) {
        if (node.type === 'Resource' && !('plan' in node)) mark(overrideKey('resource', node.resource), resources.has(node.resource), file.path);
        else if (node.type === 'DataSource') mark(overrideKey('data', `${node.dataType}.${node.name}`), data.has(`${node.dataType}.${node.name}`), file.path);
        else if (node.type === 'ModuleCall') mark(overrideKey('module', node.name), calls.has(node.name), file.path);
        else if (node.type === 'Variable') mark(overrideKey('variable', node.name), variables.has(node.name), file.path);
        else if (node.type === 'Output') mark(overrideKey('output', node.name), outputs.has(node.name), file.path);
        else if (node.type === 'Locals') {
          for (const item of node.block.body.items) if (item.type === 'Attribute') mark(overrideKey('local', item.name.name), locals.has(item.name.name), file.path);
        }
      }
    }
  }
  const autoVarFiles = list
    .filter((f) => f.kind === 'tfvars' && f.hcl && autoVarRank(basename(f.path)) !== undefined)
    .sort((a, b) => {
      const ra = autoVarRank(basename(a.path)) as number;
      const rb = autoVarRank(basename(b.path)) as number;
      return ra - rb || (a.path < b.path ? -1 : 1);
    })
    .map((f) => ({ path: f.path, body: (f.hcl as NonNullable<TerraformFile['hcl']>).body }));
  return { dir, files: config, resources, data, calls, variables, locals, outputs, autoVarFiles, overridden };
}
