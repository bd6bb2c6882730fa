import { fail } from './function-args.js';

/** An IPv4 or IPv6 prefix as a big integer address and a prefix length. */
interface Prefix {
  readonly address: bigint;
  readonly length: number;
  readonly bits: 32 | 128;
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => (n << 8n) | BigInt(Number(p)), 0n);
}

function parseIPv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length > 45) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 1 && fill !== 0) || fill < 0) return undefined;
  const all = [...head, ...Array.from({ length: halves.length === 2 ? fill : 0 }, () => '0'), ...tail];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function parsePrefix(text: string): Prefix {
  const slash = text.indexOf('/');
  if (slash === -1) fail(`"${text}" is not a CIDR prefix`);
  const ip = text.slice(0, slash);
  const length = Number(text.slice(slash + 1));
  const v4 = parseIPv4(ip);
  const bits = v4 === undefined ? 128 : 32;
  const address = v4 ?? parseIPv6(ip);
  if (address === undefined || !Number.isInteger(length) || length < 0 || length > bits) fail(`"${text}" is not a CIDR prefix`);
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - length)) - 1n);
  return { address: address & mask, length, bits };
}

function formatAddress(address: bigint, bits: 32 | 128): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((address >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((address >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  // The longest run of zero groups collapses to `::`, as Go prints it.
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best === -1) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLength).join(':')}`;
}

/**
 * An IPv4 address as a number: the same test as `parseIPv4` (four dot-separated groups of one to three
 * digits, each at most 255), without splitting the text, a regular expression or bigints.
 */
function ipv4Number(text: string, end: number): number | undefined {
  let value = 0;
  let groups = 0;
  let digits = 0;
  let group = 0;
  for (let i = 0; i <= end; i++) {
    // The end of the address closes the last group, as a dot does.
    const c = i < end ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || group > 255 || ++groups > 4) return undefined;
      value = value * 256 + group;
      digits = 0;
      group = 0;
    } else if (c < 48 || c > 57 || ++digits > 3) return undefined;
    else group = group * 10 + (c - 48);
  }
  return groups === 4 ? value : undefined;
}

/**
 * `cidrsubnet` of an IPv4 prefix in plain numbers (every address fits in 32 bits): VPC modules call it for
 * every subnet of every zone. Undefined when anything is out of the ordinary (an IPv6 prefix, an argument
 * that fails): the general form then gives the answer or the error.
 */
function cidrSubnet4(prefix: string, newbits: number, netnum: number): string | undefined {
  const slash = prefix.indexOf('/');
  if (slash === -1) return undefined;
  const ip = ipv4Number(prefix, slash);
  const length = Number(prefix.slice(slash + 1));
  if (ip === undefined || !Number.isInteger(length) || length < 0 || length > 32) return undefined;
  const total = length + newbits;
  if (!Number.isInteger(newbits) || newbits < 0 || total > 32) return undefined;
  if (!Number.isInteger(netnum) || netnum < 0 || netnum >= 2 ** newbits) return undefined;
  // The prefix's own bits, then the network number in the bits below them (they do not overlap).
  const address = ip - (ip % 2 ** (32 - length)) + netnum * 2 ** (32 - total);
  return `${Math.floor(address / 16777216)}.${Math.floor(address / 65536) % 256}.${Math.floor(address / 256) % 256}.${address % 256}/${total}`;
}

export function cidrSubnet(prefix: string, newbits: number, netnum: number): string {
  const fast = cidrSubnet4(prefix, newbits, netnum);
  if (fast !== undefined) return fast;
  const p = parsePrefix(prefix);
  const length = p.length + newbits;
  if (!Number.isInteger(newbits) || newbits < 0 || length > p.bits) fail(`cidrsubnet(): ${newbits} more bits do not fit in ${prefix}`);
  if (!Number.isInteger(netnum) || netnum < 0 || BigInt(netnum) >= 1n << BigInt(newbits)) fail(`cidrsubnet(): network number ${netnum} does not fit in ${newbits} bits`);
  const address = p.address | (BigInt(netnum) << BigInt(p.bits - length));
  return `${formatAddress(address, p.bits)}/${length}`;
}

export function cidrHost(prefix: string, hostnum: number): string {
  const p = parsePrefix(prefix);
  const size = 1n << BigInt(p.bits - p.length);
  const n = BigInt(Math.trunc(hostnum));
  const offset = n < 0n ? size + n : n;
  if (offset < 0n || offset >= size) fail(`cidrhost(): host number ${hostnum} does not fit in ${prefix}`);
  return formatAddress(p.address + offset, p.bits);
}

export function cidrNetmask(prefix: string): string {
  const p = parsePrefix(prefix);
  if (p.bits !== 32) fail('cidrnetmask() only works on IPv4 prefixes');
  return formatAddress(((1n << 32n) - 1n) ^ ((1n << BigInt(32 - p.length)) - 1n), 32);
}

/** Consecutive subnets of the given extra bits, each aligned after the previous one (as Terraform allocates them). */
export function cidrSubnets(prefix: string, newbits: readonly number[]): string[] {
  const p = parsePrefix(prefix);
  let next = p.address;
  const end = p.address + (1n << BigInt(p.bits - p.length));
  return newbits.map((bits) => {
    const length = p.length + bits;
    if (!Number.isInteger(bits) || bits < 1 || length > p.bits) fail(`cidrsubnets(): ${bits} more bits do not fit in ${prefix}`);
    const size = 1n << BigInt(p.bits - length);
    const start = ((next + size - 1n) / size) * size;
    if (start + size > end) fail(`cidrsubnets(): not enough room in ${prefix}`);
    next = start + size;
    return `${formatAddress(start, p.bits)}/${length}`;
  });
}
