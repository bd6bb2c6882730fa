import { describe, expect, it } from 'vitest';
import { retag, splitImage } from './images.js';
import type { ImageSetting } from './types.js';

const at = { file: 'kustomization.yaml', range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };
const setting = (s: Partial<ImageSetting>): ImageSetting => ({ name: 'nginx', newName: undefined, newTag: undefined, digest: undefined, node: at, ...s });

describe('kustomize images', () => {
  it('splits an image into its name and its tag or digest', () => {
    expect(splitImage('nginx')).toEqual({ name: 'nginx', rest: '' });
    expect(splitImage('nginx:1.25')).toEqual({ name: 'nginx', rest: ':1.25' });
    expect(splitImage('registry:5000/team/app')).toEqual({ name: 'registry:5000/team/app', rest: '' });
    expect(splitImage('registry:5000/team/app:2@sha256:abc')).toEqual({ name: 'registry:5000/team/app', rest: ':2@sha256:abc' });
  });

  it('sets a new name, tag or digest on the images the entry names, as kustomize does', () => {
    expect(retag('nginx:1.25', setting({ newTag: '1.27' }))).toBe('nginx:1.27');
    expect(retag('nginx@sha256:old', setting({ newTag: '1.27' }))).toBe('nginx:1.27');
    expect(retag('nginx:1.25', setting({ newName: 'mirror.io/nginx' }))).toBe('mirror.io/nginx:1.25');
    expect(retag('nginx:1.25', setting({ digest: 'sha256:new' }))).toBe('nginx@sha256:new');
    expect(retag('nginx', setting({ newTag: '1', digest: 'sha256:new' }))).toBe('nginx:1@sha256:new');
    expect(retag('nginx-exporter:1', setting({ newTag: '2' }))).toBeUndefined();
    expect(retag('docker.io/nginx:1', setting({ newTag: '2' }))).toBeUndefined();
  });

  it('splits adversarial image strings in linear time', () => {
    const long = `${'a:'.repeat(50_000)}/${'b@'.repeat(50_000)}`;
    expect(splitImage(long).name.length).toBeGreaterThan(0);
  });
});
