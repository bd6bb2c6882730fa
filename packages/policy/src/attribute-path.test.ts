import { describe, expect, it } from 'vitest';
import { formatAttributePath, parseAttributePath } from './attribute-path.js';

describe('attribute paths', () => {
  it('reads dotted paths, indexes, quoted keys and wildcards', () => {
    expect(parseAttributePath('spec.replicas')).toEqual(['spec', 'replicas']);
    expect(parseAttributePath('spec.containers[0].image')).toEqual(['spec', 'containers', 0, 'image']);
    expect(parseAttributePath('spec.containers.0.image')).toEqual(['spec', 'containers', 0, 'image']);
    expect(parseAttributePath('metadata.annotations["nospof.dev/ignore"]')).toEqual(['metadata', 'annotations', 'nospof.dev/ignore']);
    expect(parseAttributePath('containers[*].image')).toEqual(['containers', '*', 'image']);
    expect(parseAttributePath(['a', 0, 'b.c'])).toEqual(['a', 0, 'b.c']);
  });

  it('refuses malformed paths', () => {
    for (const bad of ['', '.a', 'a..b', 'a.', 'a[', 'a[x]', 'a[-1]', ['a', -1], ['a', 1.5], [{}], 42, 'x'.repeat(2000)]) {
      expect(parseAttributePath(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('formats paths back for messages', () => {
    expect(formatAttributePath(['spec', 'containers', 1, 'resources'])).toBe('spec.containers[1].resources');
    expect(formatAttributePath(['metadata', 'annotations', 'nospof.dev/ignore'])).toBe('metadata.annotations["nospof.dev/ignore"]');
  });
});
