import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LintRun, ResolvedConfig, SourceText } from '@nospof/core';

export const DEFAULT_CACHE_LOCATION = '.nospof-cache/results.json';

interface CacheDocument {
  readonly fingerprint: string;
  readonly run: LintRun;
}

/**
 * A content-addressed cache of a whole run. Cross-file rules mean any file can change any other file's
 * findings, so the key covers every file's text, every file's effective config and the nospof version;
 * an unchanged repository then re-lints without parsing anything.
 */
export function fingerprint(
  version: string,
  files: readonly SourceText[],
  contextFiles: readonly SourceText[],
  configFor: (path: string) => ResolvedConfig,
  languageOf: (path: string) => string | undefined,
): string {
  const hash = createHash('sha256');
  hash.update(`nospof ${version}\n`);
  const configs = new Map<ResolvedConfig, string>();
  for (const [kind, list] of [['file', files], ['context', contextFiles]] as const) {
    for (const file of list) {
      const config = configFor(file.path);
      let serialised = configs.get(config);
      if (serialised === undefined) {
        serialised = JSON.stringify({ rules: [...config.rules], disabled: [...config.disabled], settings: config.settings });
        configs.set(config, serialised);
      }
      hash.update(`${kind}\u0000${file.path}\u0000${languageOf(file.path) ?? ''}\u0000${serialised}\u0000${file.text.length}\u0000`);
      hash.update(file.text);
    }
  }
  return hash.digest('hex');
}

export function readCache(path: string, key: string): LintRun | undefined {
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as CacheDocument;
    return doc.fingerprint === key ? doc.run : undefined;
  } catch {
    return undefined;
  }
}

export function writeCache(path: string, key: string, run: LintRun): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ fingerprint: key, run } satisfies CacheDocument));
  } catch {
    // A cache that cannot be written only costs speed on the next run.
  }
}
