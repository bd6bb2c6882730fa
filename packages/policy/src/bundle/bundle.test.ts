import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bareModuleBundle, BundleError, defaultBundleLimits, readBundle } from './bundle.js';
import { concat, header, tar, tarGz } from '../test-support/tar-writer.js';

const wasm = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
const manifest = JSON.stringify({ revision: '', roots: [''], wasm: [{ entrypoint: 'nospof/deny', module: '/policy.wasm' }] });

function fails(archive: Uint8Array, message: RegExp | string, limits = defaultBundleLimits): void {
  expect(() => readBundle(archive, 'bundle.tar.gz', limits)).toThrow(BundleError);
  expect(() => readBundle(archive, 'bundle.tar.gz', limits)).toThrow(message);
}

describe('reading an OPA bundle', () => {
  it('reads the module, the manifest and data files merged at their directories', () => {
    const bundle = readBundle(
      tarGz([
        { name: '/data.json', content: '{"min": 3}' },
        { name: '/teams/payments/data.json', content: '{"owners": ["a"]}' },
        { name: '/limits/data.yaml', content: 'backups: 14\n' },
        { name: '/policy.rego', content: 'package nospof' },
        { name: '/policy.wasm', content: wasm },
        { name: '/.manifest', content: manifest },
      ]),
      'bundle.tar.gz',
    );
    expect(bundle.modules.map((m) => m.path)).toEqual(['policy.wasm']);
    expect(bundle.modules[0]?.bytes).toEqual(wasm);
    expect(bundle.data).toEqual({ min: 3, teams: { payments: { owners: ['a'] } }, limits: { backups: 14 } });
    expect(bundle.manifest?.wasm?.[0]?.entrypoint).toBe('nospof/deny');
  });

  it('reads an uncompressed tar, names in the ustar prefix field, and pax path headers', () => {
    const long = `/${'d'.repeat(90)}/${'e'.repeat(60)}/data.json`;
    const pax = 'path=policy.wasm\n';
    const record = `${pax.length + 3} ${pax}`;
    const bundle = readBundle(
      tar([
        { name: long, content: '{"x": 1}' },
        { name: 'PaxHeader', type: 'x', content: record },
        { name: 'truncated-name', content: wasm },
      ]),
      'b.tar',
    );
    expect(bundle.modules.map((m) => m.path)).toEqual(['policy.wasm']);
    expect(JSON.stringify(bundle.data)).toContain('"x":1');
  });

  it('refuses a bundle without a compiled module, and says how to build one', () => {
    fails(tarGz([{ name: '/policy.rego', content: 'package nospof' }]), /Rego sources but no policy.wasm: build it with `opa build -t wasm/);
    fails(tarGz([{ name: '/policy.wasm', content: wasm }, { name: '/.manifest', content: JSON.stringify({ wasm: [{ entrypoint: 'x', module: '/other.wasm' }] }) }]), 'names the module "/other.wasm"');
  });

  it('refuses path traversal, absolute Windows paths and duplicate entries', () => {
    fails(tarGz([{ name: '../../etc/data.json', content: '{}' }]), 'points outside the bundle');
    fails(tarGz([{ name: 'C:\\policy.wasm', content: wasm }]), 'not a portable bundle path');
    fails(tarGz([{ name: '/policy.wasm', content: wasm }, { name: 'policy.wasm', content: wasm }]), '"policy.wasm" appears twice');
  });

  it('refuses links, devices and FIFOs', () => {
    fails(tarGz([{ name: '/policy.wasm', type: '2' }]), '"/policy.wasm" is a symbolic link, not a regular file');
    fails(tarGz([{ name: '/policy.wasm', type: '1' }]), 'hard link');
    fails(tarGz([{ name: '/dev', type: '3' }]), 'device');
    fails(tarGz([{ name: '/fifo', type: '6' }]), 'FIFO');
  });

  it('bounds the bytes inflated, so a decompression bomb is refused before it fills memory', () => {
    const bomb = gzipSync(tar([{ name: '/data.json', content: new Uint8Array(8 * 1024 * 1024) }]));
    expect(bomb.length).toBeLessThan(64 * 1024);
    fails(bomb, /inflates to more than 1048576 bytes/, { ...defaultBundleLimits, maxInflatedBytes: 1024 * 1024 });
  });

  it('bounds the archive, each entry and the number of entries', () => {
    const archive = tarGz([{ name: '/policy.wasm', content: wasm }, { name: '/a/data.json', content: '{}' }, { name: '/b/data.json', content: '{}' }]);
    fails(archive, /over the limit of 10/, { ...defaultBundleLimits, maxArchiveBytes: 10 });
    fails(archive, /"policy.wasm" is 8 bytes, over the limit of 4/, { ...defaultBundleLimits, maxEntryBytes: 4 });
    fails(archive, /more than 2 entries/, { ...defaultBundleLimits, maxEntries: 2 });
  });

  it('refuses corrupt archives with a clear reason', () => {
    fails(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), /not valid gzip/);
    fails(new TextEncoder().encode('x'.repeat(600)), /not a tar archive/);
    const good = tar([{ name: '/policy.wasm', content: new Uint8Array(2000) }]);
    fails(good.subarray(0, 1024), /truncated/);
    const sizeBad = header('/policy.wasm', 1, '0');
    sizeBad.set(new TextEncoder().encode('9'), 124);
    fails(concat([sizeBad, new Uint8Array(1024)]), /checksum/);
  });

  it('refuses malformed manifests and data files, naming the file', () => {
    fails(tarGz([{ name: '/policy.wasm', content: wasm }, { name: '/.manifest', content: '{' }]), '/.manifest is not JSON');
    fails(tarGz([{ name: '/policy.wasm', content: wasm }, { name: '/.manifest', content: '{"wasm": [1]}' }]), '"wasm" must list');
    fails(tarGz([{ name: '/policy.wasm', content: wasm }, { name: '/data.json', content: '{"a":' }]), '/data.json does not parse');
    fails(tarGz([{ name: '/policy.wasm', content: wasm }, { name: '/data.json', content: '[1]' }]), '/data.json must hold an object');
    fails(tarGz([{ name: '/policy.wasm', content: wasm }, { name: '/data.json', content: '{"a": {"b": 1}}' }, { name: '/a/data.json', content: '{"b": 2}' }]), 'sets "a.b", which another data file sets too');
  });

  it('accepts a bare module with the data.json beside it', () => {
    const bundle = bareModuleBundle(wasm, 'policies/replicas.wasm', '{"min": 2}');
    expect(bundle.modules[0]?.path).toBe('replicas.wasm');
    expect(bundle.data).toEqual({ min: 2 });
    expect(() => bareModuleBundle(wasm, 'p.wasm', '[]')).toThrow('data.json must hold a JSON object');
  });
});
