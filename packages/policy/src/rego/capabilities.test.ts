import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostBuiltins } from './builtins.js';
import { capabilitiesFor, sdkDirectory, sdkHostBuiltins } from './capabilities.js';

const shipped = JSON.parse(readFileSync(new URL('../../capabilities.json', import.meta.url), 'utf8')) as { builtins: { name: string }[]; wasm_abi_versions: unknown[] };
const names = (caps: { builtins: readonly { name: string }[] }) => new Set(caps.builtins.map((b) => b.name));

describe('capabilities.json (for `opa build --capabilities`)', () => {
  it('is the generated file (run `node packages/policy/scripts/write-capabilities.mjs` after a build to refresh it)', () => {
    expect(shipped).toEqual(capabilitiesFor());
  });

  it('lists exactly the compiled-in builtins plus the builtins the host provides', () => {
    const sdk = JSON.parse(readFileSync(join(sdkDirectory(), 'capabilities.json'), 'utf8')) as { builtins: { name: string }[] };
    const sdkHost = new Set(sdkHostBuiltins());
    const compiledIn = [...names(sdk)].filter((n) => !sdkHost.has(n));
    const hostListed = [...names(shipped)].filter((n) => !compiledIn.includes(n));
    expect(new Set(hostListed)).toEqual(hostBuiltins);
    for (const name of compiledIn) expect(names(shipped).has(name)).toBe(true);
    expect(shipped.wasm_abi_versions.length).toBeGreaterThan(0);
    expect((shipped as unknown as { features: string[] }).features).toEqual(expect.arrayContaining(['rego_v1', 'rego_v1_import']));
  });

  it('offers only host builtins the SDK implements, and not the backtracking regex.split', () => {
    const implemented = new Set(sdkHostBuiltins());
    for (const name of hostBuiltins) expect(implemented.has(name), name).toBe(true);
    expect(implemented.has('regex.split')).toBe(true);
    expect(hostBuiltins.has('regex.split')).toBe(false);
    expect(names(shipped).has('regex.split')).toBe(false);
    expect(names(shipped).has('http.send')).toBe(false);
  });
});
