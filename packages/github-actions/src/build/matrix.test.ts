import { describe, expect, it } from 'vitest';
import { expandMatrix } from './matrix.js';

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
});
