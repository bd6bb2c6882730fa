import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modelOf } from '../testing/parse.js';
import { enclosingStages, enclosingSteps, resourceOf, wrappedBy } from './navigate.js';
import { postConditions } from './types.js';
import type { Stage } from './types.js';

const full = readFileSync(fileURLToPath(new URL('../../fixtures/parser/declarative-full.groovy', import.meta.url)), 'utf8');

const nameOf = (s: Stage): string => (s.name.known ? s.name.value : '?');

describe('declarative model', () => {
  const file = modelOf(full);
  const pipeline = file.pipeline;
  const stages = pipeline?.stages?.stages ?? [];

  it('recognises a declarative pipeline and its shared libraries', () => {
    expect(file.style).toBe('declarative');
    expect(file.libraries.map((l) => l.name.known && l.name.value)).toEqual(['ci-helpers@v3', 'notify']);
    expect(pipeline?.libraries?.entries.map((e) => e.name)).toEqual(['lib']);
  });

  it('reads every top-level section', () => {
    expect(pipeline?.agent?.kind).toBe('none');
    expect(pipeline?.options?.entries.map((e) => e.name)).toEqual(['timeout', 'buildDiscarder', 'disableConcurrentBuilds', 'timestamps', 'skipDefaultCheckout', 'retry', 'lock']);
    expect(pipeline?.parameters?.entries.map((e) => e.name)).toEqual(['string', 'booleanParam', 'choice', 'text']);
    expect(pipeline?.triggers?.entries.map((e) => e.name)).toEqual(['cron', 'pollSCM', 'upstream']);
    expect(pipeline?.tools?.entries.map((e) => e.name)).toEqual(['maven', 'jdk']);
    expect(pipeline?.environment?.entries.map((e) => [e.name, e.value.known])).toEqual([
      ['REGISTRY', true],
      ['IMAGE', false],
      ['DEPLOY_CREDS', false],
      ['COMMIT', false],
    ]);
  });

  it('reads the post section with every condition', () => {
    expect(pipeline?.post?.conditions.map((c) => c.condition)).toEqual([...postConditions]);
    const failure = pipeline?.post?.conditions.find((c) => c.condition === 'failure');
    expect(failure?.steps.map((s) => s.name)).toEqual(['mail', 'slackSend']);
  });

  it('reads stage agents of every kind with their labels', () => {
    expect(stages.map(nameOf)).toEqual(['Checkout', 'Build and test', 'Checks', 'Compatibility', 'Approve', 'Deploy']);
    const checkout = stages[0];
    expect(checkout?.agent).toMatchObject({ kind: 'label', label: { known: true, value: 'linux && docker' } });
    expect(checkout?.agent?.label?.range?.start).toMatchObject({ line: 44, column: 27 });
    expect(stages[1]?.agent).toMatchObject({ kind: 'docker', ephemeral: false, image: { value: 'maven:3.9-eclipse-temurin-21' }, label: { value: 'linux' } });
    const parallel = stages[2]?.parallel?.stages ?? [];
    expect(parallel.map((s) => s.agent?.kind)).toEqual(['node', 'kubernetes', 'label']);
    expect(parallel[0]?.agent?.customWorkspace).toMatchObject({ value: '/ws/payments' });
    expect(stages[2]?.failFast).toBe(true);
  });

  it('reads a matrix with its axes and keeps an interpolated label unknown', () => {
    const matrix = stages[3]?.matrix;
    expect(matrix?.axes.map((a) => [a.name.known && a.name.value, a.values.map((v) => v.known && v.value)])).toEqual([
      ['PLATFORM', ['linux', 'mac']],
      ['JAVA', ['17', '21']],
    ]);
    expect(matrix?.agent?.label).toMatchObject({ known: false, reason: 'interpolated string' });
    expect(matrix?.agent?.labelSource).toMatchObject({ type: 'StringLiteral', interpolations: [{ source: 'PLATFORM' }] });
    expect(matrix?.hasExcludes).toBe(true);
    expect(matrix?.stages?.stages.map(nameOf)).toEqual(['Test']);
  });

  it('reads when, input and stage options', () => {
    const approve = stages[4];
    expect(approve?.when?.beforeInput).toBe(true);
    expect(approve?.when?.conditions.map((c) => c.name)).toEqual(['beforeInput', 'allOf']);
    expect(approve?.input?.message).toMatchObject({ known: true, value: 'Release to production?' });
    expect(approve?.options?.entries[0]?.name).toBe('timeout');
  });

  it('nests sequential stages and links steps to their wrappers and stages', () => {
    const deploy = stages[5];
    expect(deploy?.stages?.stages.map(nameOf)).toEqual(['Staging', 'Production']);
    const production = deploy?.stages?.stages[1];
    const script = production?.steps?.steps[0];
    expect(script?.name).toBe('script');
    const sh = script?.body[0]?.body[0];
    expect(sh?.name).toBe('sh');
    if (!sh) return;
    expect(enclosingSteps(sh).map((s) => s.name)).toEqual(['retry', 'script']);
    expect(wrappedBy(sh, ['retry'])?.name).toBe('retry');
    expect(enclosingStages(sh).map(nameOf)).toEqual(['Production', 'Deploy']);
  });

  it('gives stages a stable identity from their name path for baselines', () => {
    const production = stages[5]?.stages?.stages[1];
    expect(stages[0]?.resource).toBe('stage:Checkout');
    expect(production?.resource).toBe('stage:Deploy/Production');
    const sh = production?.steps?.steps[0]?.body[0]?.body[0];
    expect(sh && resourceOf(sh)).toBe('stage:Deploy/Production');
    expect(pipeline?.resource).toBe('pipeline');
  });

  it('keeps parent links out of enumeration so the model prints without cycles', () => {
    expect(() => JSON.stringify(file, (k, v: unknown) => (k === 'program' || k === 'call' ? undefined : v))).not.toThrow();
    expect(Object.keys(stages[0] ?? {})).not.toContain('parent');
  });
});
