import { describe, expect, it } from 'vitest';
import type { Text } from '@nospof/github-actions';
import { hostedService, serviceAsWritten } from './hosted-services.js';

const text = (t: string): Text => ({ text: t, dynamic: t.includes('${{'), range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } });

describe('hosted runner services', () => {
  it.each([
    ['blacksmith-4vcpu-ubuntu-2204', 'Blacksmith'],
    ['blacksmith-2vcpu-ubuntu-2404-arm', 'Blacksmith'],
    ['blacksmith', 'Blacksmith'],
    ['buildjet-4vcpu-ubuntu-2204', 'BuildJet'],
    ['buildjet-8vcpu-ubuntu-2204-arm', 'BuildJet'],
    ['depot-ubuntu-22.04', 'Depot'],
    ['depot-ubuntu-24.04-arm-16', 'Depot'],
    ['depot-windows-2022', 'Depot'],
    ['namespace-profile-default', 'Namespace'],
    ['nscloud-ubuntu-22.04-amd64-4x16', 'Namespace'],
    ['warp-ubuntu-latest-x64-2x', 'WarpBuild'],
    ['warp-macos-14-arm64-6x', 'WarpBuild'],
    ['runs-on', 'RunsOn'],
    ['runs-on=123/runner=2cpu-linux-x64', 'RunsOn'],
    ['runs-on/fleet=linux-small/env=production', 'RunsOn'],
    ['ubicloud-standard-2', 'Ubicloud'],
    ['ubicloud-standard-4-arm', 'Ubicloud'],
  ])('%s is a %s runner', (label, service) => {
    expect(hostedService(label)).toBe(service);
  });

  it.each(['self-hosted', 'ubuntu-latest', 'depot-builder', 'warp-drive', 'blacksmith-forge', 'buildjet', 'namespace', 'runs-on-prem', 'gpu-box', 'linux-x64'])(
    '%s is no service',
    (label) => {
      expect(hostedService(label)).toBeUndefined();
    },
  );

  it('a RunsOn label is recognised before its run id is known; other services only once evaluated', () => {
    expect(serviceAsWritten([text('runs-on=${{ github.run_id }}/runner=2cpu-linux-x64')])).toEqual({
      service: 'RunsOn',
      label: 'runs-on=${{ github.run_id }}/runner=2cpu-linux-x64',
    });
    expect(serviceAsWritten([text('blacksmith-${{ inputs.size }}')])).toBeUndefined();
    expect(serviceAsWritten([text('${{ matrix.os }}')])).toBeUndefined();
  });
});
