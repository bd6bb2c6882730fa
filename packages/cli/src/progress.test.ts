import { describe, expect, it } from 'vitest';
import { progressLine } from './progress.js';

describe('the progress line', () => {
  it('shows files read and units judged after a second, at most ten times a second, and wipes itself', () => {
    let written = '';
    let clock = 0;
    const line = progressLine({ stderr: (t) => (written += t), stderrIsTTY: true }, () => clock);
    const at = (ms: number, files: number, units: number) => {
      clock = ms;
      line.update?.({ files: { done: files, total: 5000 }, units: { done: units, total: units === 0 ? 0 : 300 } });
    };
    at(500, 100, 0);
    expect(written).toBe('');
    at(1200, 2400, 0);
    at(1250, 2600, 0);
    at(1400, 5000, 56);
    line.finish();
    expect(written).toBe('\r\u001b[Knospof: 2400/5000 files read\r\u001b[Knospof: 5000/5000 files read, 56/300 units judged\r\u001b[K');
  });

  it('stays silent when stderr is not a terminal', () => {
    let written = '';
    const line = progressLine({ stderr: (t) => (written += t), stderrIsTTY: false }, () => 5000);
    line.update?.({ files: { done: 1, total: 1 }, units: { done: 1, total: 1 } });
    line.finish();
    expect(written).toBe('');
  });
});
