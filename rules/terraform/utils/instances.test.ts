import { describe, expect, it } from 'vitest';
import type { ProjectContext } from '@nospof/core';
import { indexOfProject } from './instances.js';

function project(index: unknown): { project: ProjectContext; asked: () => number } {
  let asked = 0;
  const project: ProjectContext = {
    index: <T>() => {
      asked++;
      return index as T | undefined;
    },
    parsed: () => [],
    factsOf: () => [],
    files: [],
    exists: () => undefined,
  };
  return { project, asked: () => asked };
}

describe('indexOfProject', () => {
  it('asks each project for its index once, however many rules ask', () => {
    const index = { name: 'unit index' };
    const a = project(index);
    expect(indexOfProject(a.project)).toBe(index);
    expect(indexOfProject(a.project)).toBe(index);
    expect(a.asked()).toBe(1);
    // Another file's project is asked again: it may be another unit's.
    const b = project(undefined);
    expect(indexOfProject(b.project)).toBeUndefined();
    expect(indexOfProject(b.project)).toBeUndefined();
    expect(b.asked()).toBe(1);
  });
});
