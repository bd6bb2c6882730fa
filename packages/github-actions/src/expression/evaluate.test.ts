import { describe, expect, it } from 'vitest';
import { evaluateString } from './evaluate.js';
import { parseExpression } from './parse.js';

describe('expressions', () => {
  it('leaves text without expressions as a literal', () => {
    expect(evaluateString('ubuntu-latest', {})).toMatchObject({ known: true, value: 'ubuntu-latest' });
  });

  it('resolves matrix cells, nested objects included', () => {
    const scope = { matrix: { os: 'windows-2022', target: { runner: 'macos-14' } } };
    expect(evaluateString('${{ matrix.os }}', scope)).toMatchObject({ known: true, value: 'windows-2022' });
    expect(evaluateString("${{ matrix.target['runner'] }}", scope)).toMatchObject({ known: true, value: 'macos-14' });
  });

  it('interpolates expressions inside a string', () => {
    expect(evaluateString('deploy-${{ matrix.region }}-${{ inputs.stage }}', { matrix: { region: 'eu' }, inputs: { stage: { known: true, value: 'prod' } } })).toMatchObject({
      known: true,
      value: 'deploy-eu-prod',
    });
  });

  it('treats run-time contexts as unknown with a reason', () => {
    const v = evaluateString('${{ vars.RUNNER }}', {});
    expect(v.known).toBe(false);
    expect(v.known ? '' : v.reason).toContain('configuration variable');
    expect(evaluateString('${{ github.ref_name }}', {}).known).toBe(false);
    expect(evaluateString('${{ inputs.runner }}', {}).known).toBe(false);
  });

  it('keeps the type of a whole-string expression', () => {
    expect(evaluateString(`\${{ fromJSON('["self-hosted","gpu"]') }}`, {})).toMatchObject({ known: true, value: ['self-hosted', 'gpu'] });
    expect(evaluateString('${{ 30 }}', {})).toMatchObject({ known: true, value: 30 });
  });

  it('short-circuits || and && when the left side is known', () => {
    expect(evaluateString("${{ matrix.runner || 'ubuntu-latest' }}", { matrix: {} })).toMatchObject({ known: true, value: 'ubuntu-latest' });
    expect(evaluateString("${{ vars.X || 'a' }}", {}).known).toBe(false);
    expect(evaluateString("${{ matrix.os == 'Linux' && 'big' || 'small' }}", { matrix: { os: 'linux' } })).toMatchObject({ value: 'big' });
  });

  it('evaluates format, contains, startsWith', () => {
    expect(evaluateString("${{ format('{0}-{1}', 'a', matrix.n) }}", { matrix: { n: 2 } })).toMatchObject({ value: 'a-2' });
    expect(evaluateString("${{ contains(matrix.os, 'win') }}", { matrix: { os: 'windows-latest' } })).toMatchObject({ value: true });
    expect(evaluateString("${{ startsWith('refs/tags/v1', 'refs/tags/') }}", {})).toMatchObject({ value: true });
  });

  it('treats status functions as run-time values', () => {
    expect(evaluateString('${{ failure() }}', {}).known).toBe(false);
  });

  it('is unknown when the matrix is computed at run time', () => {
    expect(evaluateString('${{ matrix.os }}', { matrixUnknown: true }).known).toBe(false);
  });

  it('rejects malformed expressions without throwing', () => {
    expect(parseExpression('matrix.')).toBeUndefined();
    expect(parseExpression("'unterminated")).toBeUndefined();
    expect(evaluateString('${{ (( }}', {}).known).toBe(false);
  });

  it('parses operators with precedence', () => {
    expect(parseExpression('a == b || c && !d')).toMatchObject({ kind: 'binary', op: '||' });
    expect(parseExpression('contains(needs.*.result, \'failure\')')).toMatchObject({ kind: 'call', name: 'contains' });
  });
});
