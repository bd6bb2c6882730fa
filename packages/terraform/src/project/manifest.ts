import type { ParseResult, SourceFile } from '@nospof/core';
import type { TerraformFile } from '../model/types.js';
import { dirname, joinPath } from '../util/paths.js';

/** `.terraform/modules/modules.json`, written by `terraform init`: where each module call's code was installed. */
export function isModuleManifest(path: string): boolean {
  return /(^|\/)\.terraform\/modules\/modules\.json$/.test(path);
}

export interface ManifestEntry {
  /** The call path: `db`, or `app.db` for a module called inside module `app`. */
  readonly key: string;
  readonly source: string;
  /** The installed directory, relative to the scan (forward slashes). */
  readonly dir: string;
  /** The root module directory the manifest belongs to. */
  readonly root: string;
}

/** The root module directory a manifest belongs to: the parent of `.terraform`. */
export function manifestRoot(path: string): string {
  return dirname(dirname(dirname(path)));
}

export function parseManifest(source: SourceFile): ParseResult<TerraformFile> {
  let json: unknown;
  try {
    json = JSON.parse(source.text);
  } catch {
    return { errors: [], comments: [], notApplicable: true };
  }
  const root = manifestRoot(source.path);
  const entries: ManifestEntry[] = [];
  const modules = (json as { Modules?: unknown }).Modules;
  if (Array.isArray(modules)) {
    for (const m of modules as { Key?: unknown; Source?: unknown; Dir?: unknown }[]) {
      if (typeof m.Key !== 'string' || typeof m.Dir !== 'string' || m.Key === '') continue;
      const dir = joinPath(root, m.Dir.replace(/\\/g, '/'));
      if (dir !== undefined) entries.push({ key: m.Key, source: typeof m.Source === 'string' ? m.Source : '', dir, root });
    }
  }
  return {
    root: { type: 'TerraformFile', kind: 'manifest', path: source.path, dir: root, blocks: [], json: entries, range: source.lines.range(0, 0) },
    errors: [],
    comments: [],
  };
}
