import { hasBackendRole, isDisabled, type Section } from '@nospof/haproxy';
import { hostOf, portOf } from './addresses.js';
import { onlyServer, serverTotal } from './servers.js';

/**
 * Single-server sections that each reach one member of a pool the same file balances over, on a port
 * the members share: `backend node1-ssh` to `10.0.0.1:22`, `backend node2-ssh` to `10.0.0.2:22`, next to a
 * backend balancing over `10.0.0.1` and `10.0.0.2`. Such a family gives access to one chosen machine (SSH,
 * a per-node admin page); a second server would reach another machine, so it is no single point of
 * failure to fix. A lone single-server section, or one whose host is in no pool, is not in a family.
 */
export function perMemberSections(sections: readonly Section[]): ReadonlySet<Section> {
  const pools: Set<string>[] = [];
  const singles: { section: Section; host: string; port: string }[] = [];
  for (const section of sections) {
    if (!hasBackendRole(section) || isDisabled(section)) continue;
    const total = serverTotal(section);
    if (!total.known) continue;
    if (total.value === 1) {
      const address = onlyServer(section)?.address;
      const port = address && !address.dynamic ? portOf(address.text) : undefined;
      if (address && port) singles.push({ section, host: hostOf(address.text), port });
    } else if (total.value >= 2) {
      const hosts = new Set<string>();
      for (const server of section.servers) if (server.address && !server.address.dynamic && !server.template) hosts.add(hostOf(server.address.text));
      if (hosts.size >= 2) pools.push(hosts);
    }
  }
  const family = new Set<Section>();
  for (const single of singles) {
    const sibling = singles.some(
      (other) =>
        other !== single &&
        other.port === single.port &&
        other.host !== single.host &&
        pools.some((pool) => pool.has(single.host) && pool.has(other.host)),
    );
    if (sibling) family.add(single.section);
  }
  return family;
}
