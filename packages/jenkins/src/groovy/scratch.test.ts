import { test } from 'vitest';
import { SourceFile } from '@nospof/core';
import { parseGroovy } from './parser.js';
import { readFileSync } from 'node:fs';

test('scratch', () => {
  const text = readFileSync('/tmp/jscratch/in.groovy', 'utf8');
  const r = parseGroovy(new SourceFile('x', text));
  const strip = (k: string, v: unknown) => (k === 'range' || k === 'nameRange' ? undefined : v);
  console.log(JSON.stringify(r.program.body, strip, 1).replace(/\n\s*/g, ' ').slice(0, 6000));
  console.log(JSON.stringify(r.errors));
});
