import { OffsetRange, type LineIndex, type Range, type SourceFile } from '@nospof/core';
import { endOffset, startOffset } from '../hcl/token-cursor.js';
import type { Block, HclFile } from '../hcl/ast.js';
import { dirname } from '../util/paths.js';
import type { TerraformFile, TopLevelNode } from './types.js';

/**
 * The range from a block's type keyword to its last label: where a finding about the whole block lands.
 * An offset range, like the tree's own: no line or column is worked out until something reads them.
 */
function headerOf(block: Block, lines: LineIndex): Range {
  const last = block.labels[block.labels.length - 1];
  return new OffsetRange(lines, startOffset(block.range), endOffset((last ?? block.blockType).range));
}

/**
 * One node per top-level block. Each kind is written out as its own literal (no spread of a shared base):
 * a file has a node per block, and a spread copies property by property into an object of unknown shape.
 */
function topLevel(block: Block, file: string, lines: LineIndex, damaged: Range | undefined): TopLevelNode | undefined {
  const labels = block.labels;
  const first = labels[0]?.value;
  const second = labels[1]?.value;
  const range = block.range;
  switch (block.blockType.name) {
    case 'resource':
      if (first === undefined || second === undefined) return undefined;
      return { type: 'Resource', file, block, header: headerOf(block, lines), range, damaged, resourceType: first, name: second, resource: `${first}.${second}` };
    case 'data':
      if (first === undefined || second === undefined) return undefined;
      return { type: 'DataSource', file, block, header: headerOf(block, lines), range, damaged, dataType: first, name: second };
    case 'module':
      if (first === undefined) return undefined;
      return { type: 'ModuleCall', file, block, header: headerOf(block, lines), range, damaged, name: first, resource: `module.${first}` };
    case 'variable':
      return first === undefined ? undefined : { type: 'Variable', file, block, header: headerOf(block, lines), range, name: first };
    case 'locals':
      return { type: 'Locals', file, block, header: headerOf(block, lines), range };
    case 'output':
      return first === undefined ? undefined : { type: 'Output', file, block, header: headerOf(block, lines), range, name: first };
    case 'provider':
      return first === undefined ? undefined : { type: 'Provider', file, block, header: headerOf(block, lines), range, name: first };
    default:
      return undefined;
  }
}

/** Builds the typed tree of a `.tf` / `.tf.json` (kind `config`) or `.tfvars` file from its HCL tree. */
/** The first syntax error that starts inside the block's range. */
function errorIn(block: Block, errors: readonly { readonly range: Range }[]): Range | undefined {
  const { start, end } = block.range;
  const after = (a: Range['start'], b: Range['start']): boolean => a.line > b.line || (a.line === b.line && a.column >= b.column);
  return errors.find((e) => after(e.range.start, start) && after(end, e.range.start))?.range;
}

export function buildTerraformFile(source: SourceFile, hcl: HclFile, kind: 'config' | 'tfvars' | 'terragrunt', errors: readonly { readonly range: Range }[] = []): TerraformFile {
  const blocks: TopLevelNode[] = [];
  if (kind === 'config') {
    for (const item of hcl.body.items) {
      if (item.type !== 'Block') continue;
      const node = topLevel(item, source.path, source.lines, errors.length > 0 ? errorIn(item, errors) : undefined);
      if (node) blocks.push(node);
    }
  }
  return { type: 'TerraformFile', kind, path: source.path, dir: dirname(source.path), hcl, blocks, range: hcl.range };
}
