import { describe, expect, it } from 'vitest';
import { registryName } from './module-calls.js';
import { isZone } from './gcp.js';

/** Module sources and locations come from scanned files: the patterns that read them must be linear. */
const N = 200_000;

function fast(fn: () => unknown): void {
  const started = performance.now();
  fn();
  expect(performance.now() - started).toBeLessThan(5_000);
}

describe('rule helpers read file content with linear patterns', () => {
  it('registry names of hostile module sources', () => {
    fast(() => registryName(`github.com/a/terraform-${'a-'.repeat(N / 2)}!`));
    fast(() => registryName(`${'a/'.repeat(N / 2)}!`));
    fast(() => registryName(`github.com/${'-'.repeat(N)}/terraform-aws-x.git?${'/'.repeat(N)}`));
    expect(registryName('git::https://github.com/terraform-aws-modules/terraform-aws-vpc.git?ref=v5.0.0')).toBe('terraform-aws-modules/vpc/aws');
  });

  it('zone names', () => {
    fast(() => isZone(`${'a'.repeat(N)}-${'b'.repeat(N)}1-!`));
    fast(() => isZone(`a-${'b1'.repeat(N / 2)}-c`));
  });
});
