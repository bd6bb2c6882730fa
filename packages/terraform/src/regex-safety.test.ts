import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { callFunction } from './eval/functions.js';
import { UnknownValue } from './eval/tf-value.js';
import { addressPositions, looksLikePlan, parsePlan } from './plan/plan-file.js';
import { stripKeys } from './project/terraform-index.js';
import { parseTemplateText } from './eval/template-file.js';

/**
 * Every regular expression that runs on text from a scanned repository must be linear. Each case feeds
 * an input that would take minutes with quadratic or exponential matching and milliseconds with linear
 * matching; the limit is generous so a busy machine cannot make it flake.
 */
const N = 200_000;
const LIMIT_MS = 5_000;

function fast(what: string, fn: () => unknown): void {
  const started = performance.now();
  fn();
  const ms = performance.now() - started;
  expect(ms, `${what} took ${ms.toFixed(0)} ms`).toBeLessThan(LIMIT_MS);
}

describe('regular expressions over file content are linear', () => {
  it.each([
    ['chomp on a long run of \\r\\n pairs', 'chomp', ['\r\n'.repeat(N) + 'x']],
    ['basename of a long run of slashes', 'basename', [`a${'/'.repeat(N)}b`]],
    ['dirname of a long run of slashes', 'dirname', [`a${'/'.repeat(N)}b`]],
    ['format with a long run of zero flags and no verb', 'format', [`%${'0'.repeat(N)}!`]],
    ['format with many unfinished verbs', 'format', ['%0.'.repeat(N / 3)]],
    ['title over long text', 'title', ['a b'.repeat(N / 3)]],
    ['urlencode over long text', 'urlencode', ["a !'()*".repeat(N / 8)]],
    ['timeadd with a long malformed duration', 'timeadd', ['2024-01-01T00:00:00Z', `${'1m'.repeat(N / 2)}x`]],
    ['regexall with a pattern that backtracks exponentially elsewhere', 'regexall', ['(a+)+$', `${'a'.repeat(N)}!`]],
    ['regex with nested quantifiers', 'regex', ['^(a|aa)*b$', `${'a'.repeat(N)}c`]],
    ['replace with a regex', 'replace', [`${'a'.repeat(N)}!`, '/(a*)*b/', 'x']],
  ])('%s', (_name, fn, args) => {
    fast(fn as string, () => callFunction(fn as string, args as string[]));
  });

  it('plan addresses are found in one pass, even with a long run of unterminated "address" keys', () => {
    fast('addressPositions', () => addressPositions(`{"address": "${'\\"'.repeat(N)}`));
    fast('addressPositions', () => addressPositions('"address" : '.repeat(N / 10)));
  });

  it('a plan with 40,000 resources is indexed in one pass', () => {
    const resources = Array.from({ length: 40_000 }, (_, i) => ({ address: `aws_instance.web[${i}]`, mode: 'managed', type: 'aws_instance', name: 'web', index: i, values: { ami: 'ami-1' } }));
    const text = JSON.stringify({ format_version: '1.2', terraform_version: '1.9.0', planned_values: { root_module: { resources } } });
    let blocks = 0;
    fast('parsePlan', () => {
      blocks = parsePlan(new SourceFile('plan.json', text)).root?.blocks.length ?? 0;
    });
    expect(blocks).toBe(40_000);
  });

  it('plan sniffing, instance keys and template text', () => {
    fast('looksLikePlan', () => looksLikePlan(`{${' '.repeat(N)}"format_version"`));
    fast('stripKeys', () => stripKeys(`a${'["x\\"'.repeat(N / 5)}`));
    fast('parseTemplateText', () => parseTemplateText(`${'${'.repeat(N / 4)}`));
  });

  it('a regular expression too long to compile is unknown, not a hang', () => {
    expect(callFunction('regex', ['a'.repeat(20_000), 'a'])).toBeInstanceOf(UnknownValue);
  });
});
