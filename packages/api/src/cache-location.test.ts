import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheLocation } from './cache-location.js';

const folder = () => realpathSync(mkdtempSync(join(tmpdir(), 'nospof-location-')));

describe('the cache location', () => {
  const env = { XDG_CACHE_HOME: '/home/someone/.cache' };

  it('is the configured file, relative to the working directory', () => {
    expect(cacheLocation('/work/repo', env, 'build/nospof.json')).toBe('/work/repo/build/nospof.json');
  });

  it('sits beside the dependencies of a folder that has them', () => {
    const root = folder();
    mkdirSync(join(root, 'node_modules'));
    expect(cacheLocation(root, env)).toBe(join(root, 'node_modules/.cache/nospof/cache.json'));
  });

  it('is a folder of its own in the user\'s cache directory otherwise, one per real folder', () => {
    const root = folder();
    const location = cacheLocation(root, env);
    expect(location).toMatch(/^\/home\/someone\/\.cache\/nospof\/repositories\/[0-9a-f]{24}\/cache\.json$/);
    expect(cacheLocation(folder(), env)).not.toBe(location);
    // Reached through a link, the same folder has the same cache.
    const link = join(folder(), 'link');
    symlinkSync(root, link);
    expect(cacheLocation(link, env)).toBe(location);
    // A linked node_modules is not a place to write to (the cache would be refused there).
    const linked = folder();
    symlinkSync(folder(), join(linked, 'node_modules'));
    expect(cacheLocation(linked, env)).toMatch(/\/nospof\/repositories\//);
    expect(cacheLocation(root, {})).toMatch(/\/\.cache\/nospof\/repositories\/[0-9a-f]{24}\/cache\.json$/);
  });
});
