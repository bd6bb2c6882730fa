import { describe, expect, it } from 'vitest';
import { expandMatrix, expandMatrixChecked, MATRIX_CHECK_BUDGET } from './matrix.js';

describe('matrix expansion', () => {
  it('takes the product of dimensions', () => {
    expect(expandMatrix([{ name: 'os', values: ['a', 'b'] }, { name: 'v', values: [1, 2] }], [], [])).toHaveLength(4);
  });

  it('removes partial exclude matches', () => {
    const legs = expandMatrix([{ name: 'os', values: ['a', 'b'] }, { name: 'v', values: [1, 2] }], [], [{ os: 'b' }]);
    expect(legs).toEqual([{ os: 'a', v: 1 }, { os: 'a', v: 2 }]);
  });

  it('merges include entries that do not overwrite original values, else adds a leg', () => {
    const legs = expandMatrix(
      [{ name: 'os', values: ['linux', 'windows'] }],
      [{ os: 'linux', shell: 'bash' }, { os: 'macos', shell: 'zsh' }, { experimental: true }],
      [],
    );
    expect(legs).toEqual([
      { os: 'linux', shell: 'bash', experimental: true },
      { os: 'windows', experimental: true },
      { os: 'macos', shell: 'zsh' },
    ]);
  });

  it('lets include overwrite values added by an earlier include', () => {
    const legs = expandMatrix([{ name: 'os', values: ['linux'] }], [{ shell: 'bash' }, { os: 'linux', shell: 'sh' }], []);
    expect(legs).toEqual([{ os: 'linux', shell: 'sh' }]);
  });

  it('builds a matrix from include alone', () => {
    expect(expandMatrix([], [{ runner: 'a' }, { runner: 'b' }], [])).toEqual([{ runner: 'a' }, { runner: 'b' }]);
  });

  it('refuses matrices larger than GitHub allows', () => {
    const values = Array.from({ length: 20 }, (_, i) => i);
    expect(expandMatrix([{ name: 'a', values }, { name: 'b', values }], [], [])).toBeUndefined();
  });

  it('counts before it builds: a matrix of a million combinations is refused with its exact size', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    expect(expandMatrixChecked([{ name: 'a', values }, { name: 'b', values }], [], [])).toEqual({ kind: 'tooMany', jobs: 1_000_000, exact: true });
    const huge = Array.from({ length: 12 }, (_, i) => ({ name: `d${i}`, values }));
    expect(expandMatrixChecked(huge, [], [])).toEqual({ kind: 'tooMany', jobs: 256, exact: false });
  });

  it('keeps a large product that exclude brings under the limit', () => {
    const values = Array.from({ length: 20 }, (_, i) => i);
    const exclude = values.slice(1).map((a) => ({ a }));
    const legs = expandMatrix([{ name: 'a', values }, { name: 'b', values }], [], exclude);
    expect(legs).toHaveLength(20);
    expect(legs?.every((leg) => leg.a === 0)).toBe(true);
  });

  it('stops walking combinations once more than 256 are kept', () => {
    const values = Array.from({ length: 300 }, (_, i) => i);
    expect(expandMatrixChecked([{ name: 'a', values }, { name: 'b', values }], [], [{ a: 0, b: 0 }])).toEqual({ kind: 'tooMany', jobs: 256, exact: false });
  });

  it('names its budget when exclude would have to be applied to too many combinations', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    const exclude = values.map((a) => ({ a }));
    const expansion = expandMatrixChecked([{ name: 'a', values }, { name: 'b', values }], [], exclude);
    expect(expansion).toEqual({ kind: 'overBudget', combinations: 1_000_000 });
    expect(MATRIX_CHECK_BUDGET).toBeLessThan(1_000_000 * exclude.length);
  });

  it('refuses include entries that push the matrix past the limit', () => {
    const include = Array.from({ length: 300 }, (_, i) => ({ runner: `r${i}` }));
    expect(expandMatrixChecked([], include, [])).toEqual({ kind: 'tooMany', jobs: 256, exact: false });
  });
});
