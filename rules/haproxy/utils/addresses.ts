/**
 * Addresses that are not one machine a second server could back up: a local socket or loopback service
 * (it shares the balancer's fate, so a second local server changes nothing), or a name that is itself
 * load-balanced (a Kubernetes Service, a cloud load balancer).
 */
const LOCAL_PREFIXES = ['/', 'unix@', 'abns@', 'abnsz@', 'sockpair@', 'fd@', 'localhost', '127.', '[::1]', '::1', 'ipv4@127.', 'ipv6@::1'];
const VIRTUAL_SUFFIXES = ['.svc', '.svc.cluster.local', '.elb.amazonaws.com'];

/** The host part of `host:port`, `[v6]:port` or `ipv4@host:port`, lower-cased. */
export function hostOf(address: string): string {
  let rest = address.toLowerCase();
  const at = rest.indexOf('@');
  if (at !== -1 && !rest.startsWith('[')) rest = rest.slice(at + 1);
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    return close === -1 ? rest : rest.slice(1, close);
  }
  const colon = rest.indexOf(':');
  return colon === -1 || rest.indexOf(':', colon + 1) !== -1 ? rest : rest.slice(0, colon);
}

export function isLocalAddress(address: string): boolean {
  const lower = address.toLowerCase();
  return LOCAL_PREFIXES.some((p) => lower.startsWith(p));
}

/** True when the host ends with a built-in or configured suffix of load-balanced names. */
export function isVirtualAddress(address: string, extra: readonly string[]): boolean {
  const host = hostOf(address);
  return [...VIRTUAL_SUFFIXES, ...extra].some((suffix) => {
    const bare = suffix.toLowerCase().replace(/^\.+/, '');
    return host === bare || host.endsWith(`.${bare}`);
  });
}

/** The port part of `host:port`, `[v6]:port` or `ipv4@host:port`; undefined when none is written. */
export function portOf(address: string): string | undefined {
  let rest = address.toLowerCase();
  const at = rest.indexOf('@');
  if (at !== -1 && !rest.startsWith('[')) rest = rest.slice(at + 1);
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    return close !== -1 && rest[close + 1] === ':' ? rest.slice(close + 2) : undefined;
  }
  const colon = rest.indexOf(':');
  return colon === -1 || rest.indexOf(':', colon + 1) !== -1 ? undefined : rest.slice(colon + 1);
}
