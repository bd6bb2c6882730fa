import type { Body } from '../hcl/ast.js';
import type { TerraformFile } from '../model/types.js';
import { basename, joinPath } from '../util/paths.js';
import { attributeOf } from './body.js';

/** `terragrunt.hcl`: a Terragrunt unit that runs a Terraform module with its `inputs`. */
export function isTerragruntFile(path: string): boolean {
  return basename(path) === 'terragrunt.hcl';
}

/** The `terraform { }` block of a Terragrunt file's body (no labels), if any. */
function terraformBlockBody(body: Body): Body | undefined {
  for (const item of body.items) {
    if (item.type === 'Block' && item.blockType.name === 'terraform' && item.labels.length === 0) return item.body;
  }
  return undefined;
}

/** A source Terragrunt downloads (git, a registry, a URL, a bucket): its code is not in the scan. */
function isRemote(text: string): boolean {
  return text.includes('::') || text.includes('://') || text.startsWith('tfr:') || text.startsWith('git@') || /^[\w.-]+\.[a-z]{2,}\//.test(text);
}

/** `../modules//rds?ref=v1` -> `../modules/rds`: the `//` subdirectory marker and the query go. */
function cleanPath(text: string): string {
  const query = text.indexOf('?');
  return (query === -1 ? text : text.slice(0, query)).replace(/\/\/+/g, '/').replace(/\/$/, '');
}

/** The part of a path that names folders, for matching module directories by their end: `/../modules/vpc` -> `modules/vpc`. */
function pathTail(text: string): string {
  return cleanPath(text)
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..')
    .join('/');
}

/**
 * How a Terragrunt file names the Terraform module it runs: a local path relative to the file, a path
 * tail after Terragrunt functions (`${get_repo_root()}/modules/rds`), its own directory (no `source`: the
 * `.tf` files beside it), or nothing nospof can place (a remote source, an expression).
 */
type TerragruntSource = { readonly path: string } | { readonly tail: string } | { readonly own: true } | undefined;

function terragruntSource(file: TerraformFile): TerragruntSource {
  const body = file.hcl?.body;
  if (!body) return undefined;
  const terraform = terraformBlockBody(body);
  const value = terraform ? attributeOf(terraform, 'source')?.value : undefined;
  if (!value) return { own: true };
  if (value.type !== 'TemplateExpr') return undefined;
  const literal = value.parts.map((p) => (p.type === 'TemplateLiteral' ? p.value : '')).join('');
  if (isRemote(literal)) return undefined;
  if (value.parts.every((p) => p.type === 'TemplateLiteral')) {
    if (literal.startsWith('./') || literal.startsWith('../')) return { path: cleanPath(literal) };
    const tail = pathTail(literal);
    return tail === '' ? undefined : { tail };
  }
  // `${get_repo_root()}/modules//rds`: the literal text after the last interpolation names the module.
  let tail = '';
  for (let i = value.parts.length - 1; i >= 0; i--) {
    const part = value.parts[i];
    if (part?.type !== 'TemplateLiteral') break;
    tail = part.value + tail;
  }
  const cleaned = pathTail(tail);
  return cleaned === '' ? undefined : { tail: cleaned };
}

/**
 * The module directories of the scan that Terragrunt files run, each with the Terragrunt files that run
 * it. Their variables are set by the Terragrunt `inputs` (and those of the files it includes), which
 * nospof does not evaluate: such a module is not judged by its variable defaults.
 */
export function terragruntTargets(files: readonly TerraformFile[], moduleDirs: ReadonlySet<string>): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  const add = (dir: string, file: string) => {
    if (!moduleDirs.has(dir)) return;
    const list = targets.get(dir);
    if (!list) targets.set(dir, [file]);
    else if (!list.includes(file)) list.push(file);
  };
  for (const file of files) {
    if (file.kind !== 'terragrunt') continue;
    const source = terragruntSource(file);
    if (!source) continue;
    if ('own' in source) add(file.dir, file.path);
    else if ('path' in source) {
      const dir = joinPath(file.dir, source.path);
      if (dir !== undefined) add(dir, file.path);
    } else {
      for (const dir of moduleDirs) if (dir === source.tail || dir.endsWith(`/${source.tail}`)) add(dir, file.path);
    }
  }
  return targets;
}

/** What `terraformUnitKey` keeps of a Terragrunt file: the text of its `terraform { source }`, if any. */
export function terragruntSourceKey(file: TerraformFile): string | null {
  const terraform = file.hcl?.body ? terraformBlockBody(file.hcl.body) : undefined;
  const value = terraform ? attributeOf(terraform, 'source')?.value : undefined;
  if (!value) return null;
  return value.type === 'TemplateExpr' ? value.parts.map((p) => (p.type === 'TemplateLiteral' ? p.value : '${}')).join('') : '?';
}
