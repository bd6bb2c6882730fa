import { unknown, type Value } from '@nospof/core';
import type { Section, Server } from '@nospof/haproxy';

/** How many servers a section balances over: `server` lines plus what each `server-template` stands for. */
export function serverTotal(section: Section): Value<number> {
  let total = 0;
  for (const server of section.servers) {
    if (!server.count.known) return server.count;
    total += server.count.value;
  }
  if (section.templated) return unknown('the section is rendered by a template engine: how many servers it gets is unknown', section.keyword);
  return { known: true, value: total };
}

/** The one server of a section that has exactly one. */
export function onlyServer(section: Section): Server | undefined {
  return section.servers.find((s) => s.count.known && s.count.value === 1);
}
