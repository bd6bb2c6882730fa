import { hasBackendRole, isDisabled, type Section } from '@nospof/haproxy';
import { hostOf, portOf } from './addresses.js';
import { onlyServer, serverTotal } from './servers.js';

/**
 * Single-server sections that each reach one member of a pool the same file balances over, on a port
 * the members share: `backend node1-ssh` to `10.0.0.1:22`, `backend node2-ssh` to `10.0.0.2:22`, next to a
 * backend balancing over `10.0.0.1` and `10.0.0.2`. Such a family gives access to one chosen machine (SSH,
 * a per-node admin page); a second server would reach another machine, so it is no single point of
 * failure to fix. The family must reach every member of the pool; a lone single-server section, sections
 * on only some of the pool's hosts, or one whose host is in no pool, are not in a family.
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
  // A family reaches every member of the pool on one port: one section per member, as a per-node
  // fan-out is written. Two single-server backends on some of a pool's hosts are not one.
  const family = new Set<Section>();
  for (const pool of pools) {
    const byPort = new Map<string, typeof singles>();
    for (const single of singles) {
      if (!pool.has(single.host)) continue;
      const list = byPort.get(single.port) ?? [];
      list.push(single);
      byPort.set(single.port, list);
    }
    for (const members of byPort.values()) {
      const hosts = new Set(members.map((m) => m.host));
      if (hosts.size === pool.size) for (const m of members) family.add(m.section);
    }
  }
  return family;
}
