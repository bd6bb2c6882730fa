import { describe, expect, it } from 'vitest';
import { cidrSubnet } from './cidr.js';

describe('cidrSubnet', () => {
  it.each([
    ['10.0.0.0/16', 8, 1, '10.0.1.0/24'],
    ['10.0.0.0/8', 8, 255, '10.255.0.0/16'],
    ['192.168.1.0/24', 0, 0, '192.168.1.0/24'],
    ['172.16.5.4/12', 4, 15, '172.31.0.0/16'],
    ['0.0.0.0/0', 1, 1, '128.0.0.0/1'],
    ['255.255.255.255/32', 0, 0, '255.255.255.255/32'],
    ['128.0.0.0/1', 31, 2147483647, '255.255.255.255/32'],
    ['010.000.1.2/24', 4, 3, '10.0.1.48/28'],
    ['fd00::/8', 8, 1, 'fd01::/16'],
  ] as const)('%s + %i bits, network %i', (prefix, newbits, netnum, expected) => {
    expect(cidrSubnet(prefix, newbits, netnum)).toBe(expected);
  });

  it.each([
    ['10.0.0.0/16', 20, 1, 'cidrsubnet(): 20 more bits do not fit in 10.0.0.0/16'],
    ['10.0.0.0/16', 4, 16, 'cidrsubnet(): network number 16 does not fit in 4 bits'],
    ['10.0.0.0/16', 1.5, 0, 'cidrsubnet(): 1.5 more bits do not fit in 10.0.0.0/16'],
    ['10.0.0.0/33', 1, 0, '"10.0.0.0/33" is not a CIDR prefix'],
    ['1.2.3.4.5/8', 1, 1, '"1.2.3.4.5/8" is not a CIDR prefix'],
    ['256.0.0.0/8', 1, 1, '"256.0.0.0/8" is not a CIDR prefix'],
  ] as const)('%s + %i bits, network %i fails', (prefix, newbits, netnum, message) => {
    expect(() => cidrSubnet(prefix, newbits, netnum)).toThrow(message);
  });

  it('gives IPv4 subnets as the bit arithmetic of addresses does', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 500; i++) {
      const octets = [next(256), next(256), next(256), next(256)];
      const length = next(33);
      const newbits = next(33 - length);
      const netnum = newbits === 0 ? 0 : next(2 ** Math.min(newbits, 30));
      const address = octets.reduce((n, o) => (n << 8n) | BigInt(o), 0n);
      const mask = ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - length)) - 1n);
      const subnet = (address & mask) | (BigInt(netnum) << BigInt(32 - length - newbits));
      const text = [24n, 16n, 8n, 0n].map((s) => String((subnet >> s) & 255n)).join('.');
      expect(cidrSubnet(`${octets.join('.')}/${length}`, newbits, netnum)).toBe(`${text}/${length + newbits}`);
    }
  });
});
