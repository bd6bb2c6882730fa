import { known, unknown, type Range, type Value } from '@nospof/core';
import { entry, field, isMapValue, isTemplated, seqItems, text } from '../yaml/access.js';
import type { YValue } from '../yaml/tree.js';
import type { AlertmanagerEndpoint, Located } from './types.js';

/**
 * The static Alertmanager targets of a `prometheus.yml` `alerting` section, across every `alertmanagers`
 * entry; unknown when an entry discovers its targets (Kubernetes, DNS, Consul, file service discovery).
 */
export function staticTargets(alerting: YValue | undefined): Value<readonly Located<string>[]> | undefined {
  const entries = seqItems(alerting, 'alertmanagers');
  if (entries.length === 0) return undefined;
  const targets: Located<string>[] = [];
  for (const item of entries) {
    if (!isMapValue(item)) return unknown('an alertmanagers entry is not a mapping', item.range);
    const discovery = item.entries.find((e) => e.key.endsWith('_sd_configs') && e.key !== 'static_configs');
    if (discovery) return unknown(`the targets are discovered (${discovery.key})`, discovery.keyRange);
    for (const config of seqItems(item, 'static_configs')) {
      for (const target of seqItems(config, 'targets')) {
        const t = text(target);
        if (t === undefined || isTemplated(t)) return unknown('a target is filled in by a template', target.range);
        if (!targets.some((x) => x.value === t)) targets.push({ value: t, range: target.range });
      }
    }
  }
  return known(targets);
}

/** The `Prometheus` resource's `spec.alerting.alertmanagers` entries. */
export function endpoints(alerting: YValue | undefined): AlertmanagerEndpoint[] {
  const out: AlertmanagerEndpoint[] = [];
  for (const item of seqItems(alerting, 'alertmanagers')) {
    const name = text(field(item, 'name'));
    if (name === undefined) continue;
    const namespace = text(field(item, 'namespace'));
    out.push({ name, ...(namespace !== undefined ? { namespace } : {}), range: item.range });
  }
  return out;
}

/** `spec.replicas` of an `Alertmanager` resource: 1 when absent (the operator's default). */
export function replicasOf(spec: YValue | undefined): { replicas: Value<number>; range?: Range } {
  const e = entry(spec, 'replicas');
  if (!e) return { replicas: known(1) };
  const t = text(e.value);
  const range = e.value?.range ?? e.keyRange;
  if (t === undefined) return { replicas: unknown('replicas is not a number', range), range };
  if (!/^\d{1,9}$/.test(t)) return { replicas: unknown(`replicas "${t.slice(0, 30)}" is not a number`, range), range };
  return { replicas: known(Number(t), range), range };
}
