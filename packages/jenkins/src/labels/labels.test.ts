import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentPoolsFrom, maxAgents, namesOneMachine, selectsBuiltInNode } from './agent-pools.js';
import { parseLabelExpression, positiveAtoms } from './label-expression.js';
import { fuzzRuns } from '@nospof/core/testing';


const parse = (text: string) => {
  const e = parseLabelExpression(text);
  if (!e) throw new Error(`no expression for ${text}`);
  return e;
};

describe('label expressions', () => {
  it('parses operators with Jenkins precedence', () => {
    expect(parse('a || b && !c')).toEqual({
      kind: 'or',
      left: { kind: 'atom', name: 'a' },
      right: { kind: 'and', left: { kind: 'atom', name: 'b' }, right: { kind: 'not', operand: { kind: 'atom', name: 'c' } } },
    });
    expect(parse('(a || b) && c').kind).toBe('and');
    expect(parse('linux-x64&&docker').kind).toBe('and');
    expect(parse('a -> b').kind).toBe('implies');
    expect(parse('"odd label" && b').kind).toBe('and');
  });

  it('rejects malformed and empty expressions', () => {
    expect(parseLabelExpression('')).toBeUndefined();
    expect(parseLabelExpression('a &&')).toBeUndefined();
    expect(parseLabelExpression('(a')).toBeUndefined();
    expect(parseLabelExpression(`${'('.repeat(500)}a${')'.repeat(500)}`)).toBeUndefined();
  });

  it('lists the labels an agent must carry, leaving out negated ones', () => {
    expect(positiveAtoms(parse('linux && !windows || (mac)'))).toEqual(['linux', 'mac']);
  });

  it('bounds the number of matching agents from configured pools', () => {
    const pools = { gpu: 1, linux: 12, arm: 2 };
    expect(maxAgents(parse('gpu'), pools)).toBe(1);
    expect(maxAgents(parse('linux && gpu'), pools)).toBe(1);
    expect(maxAgents(parse('gpu || arm'), pools)).toBe(3);
    expect(maxAgents(parse('gpu || unknown'), pools)).toBeUndefined();
    expect(maxAgents(parse('!linux'), pools)).toBeUndefined();
    expect(maxAgents(parse('other'), pools)).toBeUndefined();
  });

  it('reads pools from settings and ignores malformed entries', () => {
    expect(agentPoolsFrom({ jenkins: { agentPools: { a: 1, b: 'x', c: -1 } } })).toEqual({ a: 1 });
    expect(agentPoolsFrom({})).toEqual({});
  });

  it('knows the controller by both of its names', () => {
    expect(selectsBuiltInNode(parse('master'))).toBe(true);
    expect(selectsBuiltInNode(parse('built-in || linux'))).toBe(true);
    expect(selectsBuiltInNode(parse('!master && linux'))).toBe(false);
  });

  it('recognises labels that name one machine', () => {
    expect(namesOneMachine('build01.ci.example.com')).toBe(true);
    expect(namesOneMachine('10.0.4.17')).toBe(true);
    expect(namesOneMachine('linux-x64')).toBe(false);
    expect(namesOneMachine('jdk1.8')).toBe(false);
  });

  it('reads dotted pool names (instance type, accelerator) as pools, not host names', () => {
    expect(namesOneMachine('linux.g5.4xlarge.nvidia.gpu')).toBe(false);
    expect(namesOneMachine('linux.cloud.h100')).toBe(false);
    expect(namesOneMachine('agent7.build.internal')).toBe(true);
    expect(namesOneMachine('mac3.office.de')).toBe(true);
  });

  it('never throws and bounds pools for any text', () => {
    const pieces = fc.constantFrom('a', 'gpu', 'linux-x64', '&&', '||', '!', '(', ')', '->', '<->', '"', ' ', 'b.c');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const expression = parseLabelExpression(parts.join(' '));
        if (expression) expect(maxAgents(expression, { gpu: 1, a: 3 }) ?? 0).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
