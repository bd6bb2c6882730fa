import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { isJenkinsfilePath, isLibraryStepPath } from './discovery/paths.js';
import { sniffGroovy } from './discovery/sniff.js';
import { parseGroovy } from './groovy/parser.js';
import { namesOneMachine } from './labels/agent-pools.js';
import { parseLabelExpression, positiveAtoms } from './labels/label-expression.js';
import { parseJenkinsfile } from './language.js';
import { loadPath } from './project/jenkins-index.js';

/**
 * Every scanner and regular expression that reads file content, fed inputs of a megabyte or so built to
 * make backtracking or rescanning code quadratic: quadratic work at this size takes hours, linear work
 * milliseconds, so the generous per-test limit cannot flake and still fails a quadratic regression.
 */
const n = 1_000_000;
const limit = 60_000;

describe('linear on adversarial input', () => {
  it('sniffs .groovy heads', { timeout: limit }, () => {
    const inputs = [
      '/*'.repeat(n / 2),
      '/* x */'.repeat(n / 7),
      '//\n'.repeat(n / 3),
      "'".repeat(n),
      '"'.repeat(n),
      "'''".repeat(n / 3),
      '{'.repeat(n),
      '}'.repeat(n),
      '{}'.repeat(n / 2),
      'def x() {'.repeat(n / 9),
      'node'.repeat(n / 4),
      'node '.repeat(n / 5),
      'x.node('.repeat(n / 7),
      'a'.repeat(n),
      '@'.repeat(n),
      '@Lib'.repeat(n / 4),
      'return this\n'.repeat(n / 12),
      'pipeline /*'.repeat(n / 11),
      '\\'.repeat(n),
    ];
    for (const input of inputs) expect(['pipeline', 'script', 'library', 'undecided']).toContain(sniffGroovy(input));
  });

  it('reads paths', { timeout: limit }, () => {
    expect(isJenkinsfilePath('jenkinsfil'.repeat(n / 10))).toBe(false);
    expect(isJenkinsfilePath(`${'xjenkinsfile'.repeat(n / 12)}x`)).toBe(false);
    expect(isJenkinsfilePath(`${'.'.repeat(n)}jenkinsfile`)).toBe(true);
    expect(isLibraryStepPath(`${'vars/'.repeat(n / 5)}x.groovy`)).toBe(true);
    expect(loadPath(`${'${WORKSPACE}/'.repeat(n / 13)}x.groovy`)).toBeUndefined();
    expect(loadPath(`${'./'.repeat(n / 2)}ci/x.groovy`)).toBe('ci/x.groovy');
  });

  it('parses label expressions and host names', { timeout: limit }, () => {
    expect(parseLabelExpression('a&&'.repeat(n / 3) + 'a')).toBeUndefined();
    expect(parseLabelExpression('('.repeat(n))).toBeUndefined();
    expect(parseLabelExpression('!'.repeat(n))).toBeUndefined();
    expect(parseLabelExpression('x'.repeat(n))).toEqual({ kind: 'atom', name: 'x'.repeat(n) });
    expect(parseLabelExpression(`"${'x'.repeat(n)}`)).toBeUndefined();
    const long = parseLabelExpression(Array.from({ length: 100 }, (_, i) => `l${i}`).join(' && '));
    expect(long && positiveAtoms(long)).toHaveLength(100);
    expect(namesOneMachine('a.'.repeat(n / 2))).toBe(false);
    expect(namesOneMachine(`${'a-'.repeat(n / 2)}.example.com`)).toBe(false);
    expect(namesOneMachine('1.'.repeat(n / 2))).toBe(false);
  });

  it('parses imports with aliases, numbers and long token runs', { timeout: limit }, () => {
    const inputs = [
      `import ${'as.'.repeat(n / 3)}"x\n"`,
      `def x = 1${'_'.repeat(n)}`,
      `def x = 1${'_'.repeat(n)}g`,
      `x = ${'a.'.repeat(n / 2)}b`,
    ];
    for (const text of inputs) expect(parseGroovy(new SourceFile('Jenkinsfile', text)).program).toBeDefined();
  });

  it('builds the model of hostile scripted code: stored closures, loads and member calls', { timeout: limit }, () => {
    // a quarter of the size: the parser and the model do more per byte than the scanners above
    const m = n / 4;
    const inputs = [
      'b[k] = { node { sh "x" } }\n'.repeat(m / 27),
      "def u = load 'x.groovy'\nu.f()\n".repeat(m / 30),
      'try { '.repeat(m / 6),
      `${'x.put(k, { '.repeat(2000)}${'})'.repeat(2000)}`,
    ];
    for (const text of inputs) expect(parseJenkinsfile(new SourceFile('Jenkinsfile', text)).root).toBeDefined();
  });
});
