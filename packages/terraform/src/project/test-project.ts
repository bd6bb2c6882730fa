import { SourceFile, type ParsedFile, type Settings } from '@nospof/core';
import { terraformLanguage } from '../language.js';
import type { Resource, TerraformFile } from '../model/types.js';
import type { TerraformIndex } from './terraform-index.js';

/** Parses files by path and builds the index, as the linter would (test helper). */
export function projectOf(files: Readonly<Record<string, string>>): { index: TerraformIndex; resource(path: string, address: string): Resource } {
  const parsed: ParsedFile<TerraformFile>[] = Object.entries(files).map(([path, text]) => {
    const source = new SourceFile(path, text);
    return { ...terraformLanguage.parse(source), source, language: 'terraform' };
  });
  const index = terraformLanguage.index?.(parsed, {}) as TerraformIndex;
  return {
    index,
    resource(path, address) {
      const file = parsed.find((p) => p.source.path === path)?.root;
      const node = file?.blocks.find((b): b is Resource => b.type === 'Resource' && b.resource === address);
      if (!node) throw new Error(`no ${address} in ${path}`);
      return node;
    },
  };
}

export const noSettings: Settings = {};
