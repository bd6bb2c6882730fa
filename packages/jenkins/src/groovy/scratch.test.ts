import { test } from 'vitest';
import { SourceFile } from '@nospof/core';
import { jenkinsLanguage } from '../language.js';
import { readFileSync } from 'node:fs';

test('scratch', () => {
  const f = process.env.F ?? 'packages/jenkins/fixtures/parser/declarative-full.groovy';
  const text = readFileSync(f, 'utf8');
  const r = jenkinsLanguage.parse(new SourceFile('Jenkinsfile', text));
  const strip = (k: string, v: unknown) => (k === 'range' || k === 'nameRange' || k === 'call' || k === 'args' || k === 'namedArgs' || k === 'program' ? undefined : v);
  console.log(JSON.stringify(r.root, strip, 1).replace(/\n\s*/g, ' ').slice(0, 8000));
});
