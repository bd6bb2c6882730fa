import { describe, expect, it } from 'vitest';
import { projectOf, noSettings } from '../project/test-project.js';

/** Evaluates one expression as a resource attribute, the way rules see it. */
function evaluate(expr: string, prelude = ''): unknown {
  const p = projectOf({ 'main.tf': `${prelude}\nresource "x" "a" {\n  v = ${expr}\n}\n` });
  const value = p.index.instancesOf(p.resource('main.tf', 'x.a'), noSettings).instances[0]?.attr('v');
  if (value === undefined) return null;
  return value.known ? value.value : `unknown: ${value.reason}`;
}

describe('functions and operators', () => {
  it.each([
    ['length([1, 2, 3])', 3],
    ['length({ a = 1 })', 1],
    ['length("héllo")', 5],
    ['concat([1], [2, 3])', [1, 2, 3]],
    ['slice([1, 2, 3, 4], 1, 3)', [2, 3]],
    ['merge({ a = 1 }, { b = 2 }, { a = 3 })', { a: 3, b: 2 }],
    ['lookup({ a = 1 }, "b", 7)', 7],
    ['coalesce("", null, "x")', 'x'],
    ['try(local.missing, 3)', 3],
    ['try({ a = 1 }.b, "fallback")', 'fallback'],
    ['can({ a = 1 }.a)', true],
    ['can({ a = 1 }.b)', false],
    ['element(["a", "b"], 3)', 'b'],
    ['tolist(toset(["b", "a", "b"]))', ['a', 'b']],
    ['tomap({ a = "x" })', { a: 'x' }],
    ['tostring(3)', '3'],
    ['tonumber("4") + 1', 5],
    ['tobool("true")', true],
    ['max(1, 5, 3)', 5],
    ['min(4, 2)', 2],
    ['keys({ b = 1, a = 2 })', ['a', 'b']],
    ['values({ b = 1, a = 2 })', [2, 1]],
    ['contains(["a", "b"], "b")', true],
    ['range(3)', [0, 1, 2]],
    ['range(1, 7, 2)', [1, 3, 5]],
    ['join("-", ["a", "b"])', 'a-b'],
    ['split(",", "a,b")', ['a', 'b']],
    ['format("%s-%03d", "db", 7)', 'db-007'],
    ['format("%-4s|%5.2f|%%", "a", 3.14159)', 'a   | 3.14|%'],
    ['lower("ABC")', 'abc'],
    ['upper("abc")', 'ABC'],
    ['flatten([[1], [2, [3]]])', [1, 2, 3]],
    ['distinct([1, 2, 1])', [1, 2]],
    ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
    ['max([3, 9]...)', 9],
    ['ceil(2.1) + floor(2.9) + abs(-1)', 6],
    ['sum([1, 2, 3])', 6],
    ['compact(["a", "", null, "b"])', ['a', 'b']],
    ['one(["x"])', 'x'],
    ['alltrue([true, 1 < 2]) && !anytrue([false])', true],
    ['coalescelist([], ["b"])', ['b']],
    ['reverse(sort(["b", "a", "c"]))', ['c', 'b', 'a']],
    ['replace(trimspace(" a-b "), "-", "_")', 'a_b'],
    ['startswith("db.r6g", "db.") && endswith("x.large", "large")', true],
    ['2 * 3 + 4 % 3', 7],
    ['!(1 < 2) || 3 >= 3', true],
    ['"a" == "a" && 1 != 2', true],
    ['-(2)', -2],
    ['[for s in ["a", "b"] : upper(s) if s != "b"]', ['A']],
    ['{ for k, v in { a = 1, b = 2 } : v => k }', { 1: 'a', 2: 'b' }],
    ['{ for s in ["a", "ab", "b"] : substr_free(s) => s... }', 'unknown: the function substr_free() is not evaluated by nospof'],
    ['[{ n = 1 }, { n = 2 }][*].n', [1, 2]],
    ['[{ m = [{ n = 1 }, { n = 2 }] }, { m = [{ n = 3 }] }][*].m', [[{ n: 1 }, { n: 2 }], [{ n: 3 }]]],
    ['[for l in [[{ n = 1 }], [{ n = 2 }, { n = 3 }]] : l[*].n]', [[1], [2, 3]]],
    ['[for x in [1, 2] : [for x in [x * 10] : x + 1]]', [[11], [21]]],
    ['{ for k, v in { a = 1, b = 2 } : k => [for w in [v] : "${k}${w}"] }', { a: ['a1'], b: ['b2'] }],
    ['[for k, v in { a = { n = 1 } } : v.n if k == "a"]', [1]],
    ['"%{ for z in ["a", "b"] }${z},%{ endfor }"', 'a,b,'],
    ['"%{ if true }yes%{ else }no%{ endif }"', 'yes'],
    ['cidrsubnet("10.0.0.0/16", 8, 1)', '10.0.1.0/24'],
    ['data.aws_region.current.name', 'unknown: data.aws_region is read from the provider when Terraform runs'],
  ])('%s', (expr, expected) => {
    expect(evaluate(expr)).toEqual(expected);
  });

  it('keeps a conditional known when both branches agree even if the condition is unknown', () => {
    expect(evaluate('data.x.y.z ? 2 : 2')).toBe(2);
    expect(evaluate('data.x.y.z ? 2 : 3')).toMatch(/^unknown: the condition is unknown/);
  });

  it('short-circuits && and || on a known side', () => {
    expect(evaluate('false && data.x.y.z')).toBe(false);
    expect(evaluate('true || data.x.y.z')).toBe(true);
  });

  it('turns a deeply nested expression into an unknown instead of overflowing', () => {
    const deep = `${'['.repeat(500)}1${']'.repeat(500)}`;
    expect(() => evaluate(deep)).not.toThrow();
    const result = evaluate(deep);
    expect(result === null || Array.isArray(result) || (typeof result === 'string' && result.startsWith('unknown'))).toBe(true);
  });

  it('gives every reference to a counted resource its instances, each with its own attributes', () => {
    const prelude = 'resource "y" "b" {\n  count = 2\n  n = count.index * 10\n}\n';
    expect(evaluate('[length(y.b), y.b[*].n, y.b[1].n, length(y.b)]', prelude)).toEqual([2, [0, 10], 10, 2]);
  });

  it('converts each value of a map variable to the declared element type, keeping the keys in order', () => {
    const prelude = 'variable "m" {\n  type    = map(number)\n  default = { b = "2", a = "1", c = 3 }\n}\n';
    const value = evaluate('var.m', prelude);
    expect(value).toEqual({ b: 2, a: 1, c: 3 });
    expect(Object.keys(value as object)).toEqual(['b', 'a', 'c']);
  });

  it('reads auto-loaded terraform.tfvars.json', () => {
    const p = projectOf({ 'main.tf': 'variable "n" {\n  default = 1\n}\nresource "x" "a" {\n  v = var.n\n}\n', 'terraform.tfvars.json': '{ "n": 4 }' });
    const value = p.index.instancesOf(p.resource('main.tf', 'x.a'), noSettings).instances[0]?.attr('v');
    expect(value?.known && value.value).toBe(4);
  });
});

describe('hostile input', () => {
  it('survives a long chain of resources referring to each other', () => {
    const chain = Array.from({ length: 3000 }, (_, i) => `resource "x" "r${i}" {\n  v = ${i === 0 ? '1' : `x.r${i - 1}.v + 1`}\n}\n`).join('');
    const p = projectOf({ 'main.tf': chain });
    const last = p.index.instancesOf(p.resource('main.tf', 'x.r2999'), noSettings).instances[0];
    expect(() => last?.attr('v')).not.toThrow();
  });
});
