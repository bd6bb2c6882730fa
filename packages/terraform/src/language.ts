import type { DeploymentUnit, Language, ParsedFile, ParseResult, PolicyUnit, Range, Settings, SourceFile } from '@nospof/core';
import { SourceFile as Source } from '@nospof/core';
import { parseHcl, parseTfJson } from './hcl/index.js';
import type { HclFile } from './hcl/ast.js';
import { buildTerraformFile } from './model/build.js';
import type { TerraformFile } from './model/types.js';
import { looksLikePlan, parsePlan } from './plan/plan-file.js';
import { isModuleManifest, parseManifest } from './project/manifest.js';
import { TerraformIndex } from './project/terraform-index.js';
import { terraformUnitKey, terraformUnits } from './project/units.js';
import { terraformPolicyUnit } from './policy/policy-unit.js';
import { isTerragruntFile } from './project/terragrunt.js';
import { dirname } from './util/paths.js';

type HclParser = (source: SourceFile) => { root: HclFile; errors: ParseResult['errors']; comments: ParseResult['comments'] };

function isJsonSyntax(path: string): boolean {
  return path.endsWith('.tf.json') || path.endsWith('.tfvars.json');
}

function parseWith(source: SourceFile): ReturnType<HclParser> {
  return isJsonSyntax(source.path) ? parseTfJson(source) : parseHcl(source);
}

function parseVarFile(path: string, text: string): HclFile['body'] | undefined {
  const parsed = parseWith(new Source(path, text));
  return parsed.errors.length === 0 ? parsed.root.body : undefined;
}

export const terraformVisitorKeys: Readonly<Record<string, readonly string[]>> = {
  TerraformFile: ['blocks'],
  Resource: [],
  DataSource: [],
  ModuleCall: [],
  Variable: [],
  Locals: [],
  Output: [],
  Provider: [],
};

/**
 * Terraform: `.tf`, `.tf.json`, tfvars, `terraform show -json` plans and the module manifest
 * `terraform init` writes. Rules visit `Resource` / `ModuleCall` nodes and read evaluated values from
 * the index (`TerraformIndex.instancesOf`), which groups files into modules and follows module calls.
 */
export const terraformLanguage: Language<TerraformFile, TerraformIndex> = {
  id: 'terraform',
  lineComment: '#',
  visitorKeys: terraformVisitorKeys,

  needsHead: (path: string) => path.endsWith('.json') && !/\.(tf|tfvars)\.json$/.test(path),

  matches(path: string, head: string): boolean {
    if (/\.(tf|tfvars)(\.json)?$/.test(path) || path.endsWith('.tftpl') || isTerragruntFile(path)) return true;
    if (isModuleManifest(path)) return true;
    return path.endsWith('.json') && looksLikePlan(head);
  },

  parse(source: SourceFile): ParseResult<TerraformFile> {
    if (isModuleManifest(source.path)) return parseManifest(source);
    // A template `templatefile()` reads: kept for its text, never linted on its own.
    if (source.path.endsWith('.tftpl')) {
      return { root: { type: 'TerraformFile', kind: 'template', path: source.path, dir: dirname(source.path), blocks: [], range: source.lines.range(0, source.text.length) }, errors: [], comments: [] };
    }
    if (source.path.endsWith('.json') && !isJsonSyntax(source.path)) return parsePlan(source);
    const parsed = parseWith(source);
    // Read only for the module it runs: a terragrunt.hcl that is itself a template (`{{ .Name }}`) is no
    // syntax error of the Terraform code, so it reports none.
    if (isTerragruntFile(source.path)) return { root: buildTerraformFile(source, parsed.root, 'terragrunt'), errors: [], comments: parsed.comments, contextOnly: true };
    const kind = /\.tfvars(\.json)?$/.test(source.path) ? 'tfvars' : 'config';
    return { root: buildTerraformFile(source, parsed.root, kind, parsed.errors), errors: parsed.errors, comments: parsed.comments };
  },

  units(files: readonly ParsedFile<TerraformFile>[]): readonly DeploymentUnit[] {
    return terraformUnits(files);
  },

  unitKey: terraformUnitKey,

  index(files: readonly ParsedFile<TerraformFile>[]): TerraformIndex {
    return new TerraformIndex(files, parseVarFile);
  },

  policyUnit(unit: DeploymentUnit, files: readonly ParsedFile<TerraformFile>[], index: TerraformIndex, settings: Settings): PolicyUnit {
    return terraformPolicyUnit(unit, files, index, settings);
  },

  scopeAt(file: ParsedFile<TerraformFile>, line: number): Range | undefined {
    for (const node of file.root?.blocks ?? []) {
      if (node.range.start.line === line && (node.type === 'Resource' || node.type === 'ModuleCall' || node.type === 'DataSource')) return node.range;
    }
    return undefined;
  },
};
