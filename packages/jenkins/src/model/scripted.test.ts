import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modelOf } from '../testing/parse.js';
import { allSteps, enclosingSteps } from './navigate.js';

const scripted = readFileSync(fileURLToPath(new URL('../../fixtures/parser/scripted-nested.groovy', import.meta.url)), 'utf8');

describe('scripted model', () => {
  const file = modelOf(scripted);
  const steps = allSteps(file);
  const named = (name: string) => steps.filter((s) => s.name === name);

  it('recognises a scripted pipeline with helper functions', () => {
    expect(file.style).toBe('scripted');
    expect(file.pipeline).toBeUndefined();
    expect(file.functions.map((f) => f.name)).toEqual(['notifyFailure', 'parseVersion']);
    expect(file.functions[0]?.steps[0]).toMatchObject({ name: 'emailext', deferred: true });
  });

  it('nests node inside timeout and stages inside node', () => {
    const [outer] = file.steps.filter((s) => s.name === 'timeout');
    expect(outer?.body[0]).toMatchObject({ name: 'node' });
    const checkout = named('stage')[0];
    expect(checkout && enclosingSteps(checkout).map((s) => s.name)).toEqual(['node', 'timeout']);
  });

  it('marks steps in catch and finally blocks', () => {
    expect(named('slackSend')[0]?.handler).toBe('catch');
    expect(named('notifyFailure')[0]?.handler).toBe('catch');
    expect(named('junit')[0]?.handler).toBe('finally');
    expect(named('checkout')[0]?.handler).toBeUndefined();
  });

  it('sees branches of a parallel map and marks closures stored in variables as deferred', () => {
    const parallel = named('parallel');
    expect(parallel).toHaveLength(2);
    expect(parallel[1]?.body.map((s) => s.name)).toEqual(['node', 'retry']);
    const stored = named('node').find((n) => n.deferred);
    expect(stored?.body[0]).toMatchObject({ name: 'sh', deferred: true });
  });

  it('sees input inside timeout and steps inside if branches and docker.inside', () => {
    const input = named('input')[0];
    expect(input && enclosingSteps(input)[0]?.name).toBe('timeout');
    expect(named('inside')[0]).toMatchObject({ qualifiedName: 'docker.image.inside' });
    expect(named('inside')[0]?.body[0]?.name).toBe('sh');
    expect(named('lock')[0]?.body[0]?.name).toBe('withCredentials');
  });

  it('names scripted stages and helper functions as resources', () => {
    expect(named('stage').map((s) => s.resource)).toContain('stage:Deploy');
    expect(file.functions[0]?.resource).toBe('function:notifyFailure');
  });

  it('reads the old `stage "name"` form and top-level properties', () => {
    expect(named('stage').some((s) => s.args[0]?.type === 'StringLiteral' && !s.hasClosure)).toBe(true);
    expect(file.steps[0]?.name).toBe('properties');
  });

  it('treats a file that only calls a library as empty of steps it can judge', () => {
    const lib = modelOf("@Library('x') _\nlibrary 'y'\n");
    expect(lib.style).toBe('empty');
    expect(lib.libraries.map((l) => l.via)).toEqual(['annotation', 'step']);
  });
});
