import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseJson, type JsonNode } from './json-parser.js';
import { fuzzRuns } from '@nospof/core/testing';

function plain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.members.map((m) => [m.key.value, plain(m.value)]));
    case 'array':
      return node.elements.map(plain);
    default:
      return node.value;
  }
}

describe('positioned JSON parser', () => {
  test('values agree with JSON.parse on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const result = parseJson(text);
        expect(result.error).toBeUndefined();
        if (result.value) expect(plain(result.value)).toEqual(JSON.parse(text));
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  test('every value records the offsets of its text', () => {
    const text = '{ "a" : [1, "x\\n", true, null] }';
    const result = parseJson(text);
    if (!result.value || result.value.kind !== 'object') throw new Error('object expected');
    const member = result.value.members[0]!;
    expect(text.slice(member.key.start, member.key.end)).toBe('"a"');
    expect(member.value.kind).toBe('array');
    if (member.value.kind !== 'array') return;
    expect(member.value.elements.map((e) => text.slice(e.start, e.end))).toEqual(['1', '"x\\n"', 'true', 'null']);
    expect(member.value.elements[1]).toMatchObject({ kind: 'string', value: 'x\n', escaped: true });
  });

  test.each([
    ['', 0],
    ['{', 1],
    ['{"a" 1}', 5],
    ['[1,]', 3],
    ['"abc', 0],
    ['01', 1],
    ['{"a": tru}', 6],
    ['"\\x"', 1],
    ['{} {}', 3],
  ])('invalid JSON %j fails at offset %i', (text, offset) => {
    const result = parseJson(text);
    expect(result.error?.start).toBe(offset);
  });

  test('deep nesting is an error, not a stack overflow', () => {
    expect(parseJson('['.repeat(100_000)).error?.message).toBe('JSON nested too deeply');
  });

  test('random text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        parseJson(text);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
