import type { Range, SourceFile } from '@nospof/core';
import type { Block, HclFile } from '../hcl/ast.js';
import { dirname } from '../util/paths.js';
import type { TerraformFile, TopLevelNode } from './types.js';

/** The range from a block's type keyword to its last label: where a finding about the whole block lands. */
function headerOf(block: Block): Range {
  const last = block.labels[block.labels.length - 1];
  return { start: block.range.start, end: (last ?? block.blockType).range.end };
}

function topLevel(block: Block, file: string): TopLevelNode | undefined {
  const kind = block.blockType.name;
  const [first, second] = block.labels.map((l) => l.value);
  const base = { file, block, header: headerOf(block), range: block.range };
  switch (kind) {
    case 'resource':
      if (first === undefined || second === undefined) return undefined;
      return { ...base, type: 'Resource', resourceType: first, name: second, resource: `${first}.${second}` };
    case 'data':
      if (first === undefined || second === undefined) return undefined;
      return { ...base, type: 'DataSource', dataType: first, name: second };
    case 'module':
      if (first === undefined) return undefined;
      return { ...base, type: 'ModuleCall', name: first, resource: `module.${first}` };
    case 'variable':
      return first === undefined ? undefined : { ...base, type: 'Variable', name: first };
    case 'locals':
      return { ...base, type: 'Locals' };
    case 'output':
      return first === undefined ? undefined : { ...base, type: 'Output', name: first };
    case 'provider':
      return first === undefined ? undefined : { ...base, type: 'Provider', name: first };
    default:
      return undefined;
  }
}

/** Builds the typed tree of a `.tf` / `.tf.json` (kind `config`) or `.tfvars` file from its HCL tree. */
export function buildTerraformFile(source: SourceFile, hcl: HclFile, kind: 'config' | 'tfvars'): TerraformFile {
  const blocks: TopLevelNode[] = [];
  if (kind === 'config') {
    for (const item of hcl.body.items) {
      if (item.type !== 'Block') continue;
      const node = topLevel(item, source.path);
      if (node) blocks.push(node);
    }
  }
  return { type: 'TerraformFile', kind, path: source.path, dir: dirname(source.path), hcl, blocks, range: hcl.range };
}
