import { existsSync, readFileSync } from 'node:fs';

/**
 * The version of nospof: that of the nearest package.json above this module, which is `@nospof/api`'s
 * own in the workspace and the `nospof` package's once bundled into it (all share one version).
 */
function readVersion(): string {
  for (const candidate of ['../package.json', '../../package.json', '../../../package.json']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}

export const version: string = readVersion();
