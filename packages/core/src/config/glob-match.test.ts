import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGlob, globProblem } from './glob-match.js';
import { globMatcher } from './glob.js';
import { fuzzRuns } from '../testing/fuzz-runs.js';

describe('glob matching without backtracking', () => {
  it.each([
    ['*.tf', 'main.tf', true],
    ['*.tf', 'dir/main.tf', false],
    ['**/*.tf', 'a/b/main.tf', true],
    ['**/*.tf', 'main.tf', true],
    ['envs/**', 'envs/dev/a.tf', true],
    ['envs/**/x.yaml', 'envs/x.yaml', true],
    ['a/*/c', 'a/b/c', true],
    ['a/*/c', 'a/b/d/c', false],
    ['?.yaml', 'a.yaml', true],
    ['[a-c]?.yml', 'bz.yml', true],
    ['[!a-c]?.yml', 'bz.yml', false],
    ['{dev,test}/**', 'test/k.yaml', true],
    ['{dev,test}/**', 'prod/k.yaml', false],
    ['.github/**', '.github/workflows/ci.yml', true],
    ['*', '.hidden', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
  ])('%s against %s is %s', (glob, path, expected) => {
    expect(compileGlob(glob)(path)).toBe(expected);
  });

  it('agrees with picomatch on globs of stars, letters and slashes', () => {
    // Three stars in a row mean nothing documented (picomatch reads a `***` segment as `**` in some places).
    const glob = fc.stringMatching(/^[ab*?/]{1,12}$/).filter((g) => !g.includes('//') && !g.includes('***') && !g.startsWith('/') && !g.endsWith('/'));
    const path = fc.stringMatching(/^[ab/]{1,16}$/).filter((p) => !p.includes('//') && !p.startsWith('/') && !p.endsWith('/'));
    fc.assert(
      fc.property(glob, path, (g, p) => {
        // picomatch lets `dir/**` match `dir` itself, except when the segment before `/**` holds a star
        // (`*/**` against `b`); nospof treats every trailing `/**` alike and matches the directory itself.
        let parent = g;
        while (parent.endsWith('/**')) parent = parent.slice(0, -3);
        const itself = parent !== g && picomatch(parent, { dot: true })(p);
        expect(compileGlob(g)(p)).toBe(picomatch(g, { dot: true })(p) || itself);
      }),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('matches a pattern that makes regex engines backtrack in linear-ish time', () => {
    const matcher = globMatcher(['*a*a*a*a*a*a*a*a*a*a*b']);
    const name = 'a'.repeat(4000);
    const started = performance.now();
    expect(matcher(name)).toBe(false);
    // Quadratic in the worst case: 11 x 4000 steps per attempt. A backtracking regex takes hours here.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('names what it cannot use', () => {
    expect(globProblem('@(a|b)/**')).toMatch(/extended globs/);
    expect(globProblem('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}')).toMatch(/alternatives/);
    expect(globProblem('envs/{dev,test}/**')).toBeUndefined();
  });
});
