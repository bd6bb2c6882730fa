import { describe, expect, it } from 'vitest';
import { normalize, resolve } from './paths.js';

describe('kustomize paths', () => {
  it('resolves an entry against the kustomization folder, relative to the run', () => {
    expect(resolve('overlays/prod', '../../base')).toBe('base');
    expect(resolve('', 'deploy.yaml')).toBe('deploy.yaml');
    expect(resolve('app', '../../x')).toBeUndefined();
  });

  it('keeps a folder linted outside the working directory absolute, as its files are named', () => {
    expect(resolve('/tmp/repo/overlays/prod', '../../base')).toBe('/tmp/repo/base');
    expect(resolve('/tmp/repo/app', './deploy.yaml')).toBe('/tmp/repo/app/deploy.yaml');
    expect(normalize('/tmp/../..')).toBeUndefined();
  });

  it('leaves an absolute entry unresolved: kustomize refuses it', () => {
    expect(resolve('app', '/etc/passwd')).toBeUndefined();
  });
});
