import { describe, expect, it } from 'vitest';
import { Slicer } from './slicer.js';
import { documentCuts, parseInSteps } from './stepped-parse.js';

const doc = (i: number, lines = 40) => `---\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n${Array.from({ length: lines }, (_, k) => `  key${k}: value ${k}\n`).join('')}`;

describe('documentCuts', () => {
  it('cuts only at the start of a line holding a document marker, at least the step apart', () => {
    const text = Array.from({ length: 10 }, (_, i) => doc(i)).join('');
    const cuts = documentCuts(text, 1000);
    expect(cuts.length).toBeGreaterThan(3);
    let last = 0;
    for (const cut of cuts) {
      expect(text.slice(cut, cut + 4)).toBe('---\n');
      expect(text[cut - 1]).toBe('\n');
      expect(cut - last).toBeGreaterThanOrEqual(1000);
      last = cut;
    }
  });

  it('never cuts at a marker-like line inside a document, nor a stream with directives', () => {
    expect(documentCuts('a: |\n  ---x\n---y: 1\n', 1)).toEqual([]);
    expect(documentCuts('%YAML 1.2\n---\na: 1\n---\nb: 2\n', 1)).toEqual([]);
    expect(documentCuts('a: 1\n--- # next\nb: 2\n', 1)).toEqual([5]);
  });

  it('is linear on a long adversarial input', () => {
    const text = '\n--'.repeat(200_000) + '\n---x'.repeat(200_000);
    const started = performance.now();
    expect(documentCuts(text, 1)).toEqual([]);
    // Generous: a quadratic scan of this input would take minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('parseInSteps', () => {
  const text = Array.from({ length: 40 }, (_, i) => doc(i, 200)).join('');

  it('parses growing prefixes ending at cuts, yielding between them', async () => {
    const prefixes: number[] = [];
    const steps = await parseInSteps((prefix) => prefixes.push(prefix.length), text, new Slicer(), documentCuts(text, 10_000));
    expect(steps).toBe(prefixes.length);
    expect(prefixes.length).toBeGreaterThan(3);
    expect(prefixes).toEqual([...prefixes].sort((a, b) => a - b));
  });

  it('stops stepping when a step costs far more than the text it adds (a parser that reads everything again)', async () => {
    const long = Array.from({ length: 100 }, (_, i) => doc(i, 200)).join('');
    const cuts = documentCuts(long, 10_000);
    let calls = 0;
    let sum = 0;
    // A parser whose work grows with the whole prefix, not with what the step adds: CPU work, as the guard
    // measures CPU time, so a busy machine slows every step alike.
    const rereads = (prefix: string) => {
      calls++;
      for (let round = 0; round < 400; round++) for (let i = 0; i < prefix.length; i++) sum += prefix.charCodeAt(i);
    };
    await parseInSteps(rereads, long, new Slicer(), cuts);
    expect(sum).toBeGreaterThan(0);
    expect(cuts.length).toBeGreaterThan(20);
    expect(calls).toBeLessThan(cuts.length / 2);
  });
});
