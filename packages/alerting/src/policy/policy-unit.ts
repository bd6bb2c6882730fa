import { PolicyLocations, policyResources, policyUnitName, type PolicyResourceDraft } from '@nospof/core';
import type { AttributePath, DeploymentUnit, ParsedFile, PolicyUnit, PolicyValue, Range } from '@nospof/core';
import { entry, field, isMapValue, seqItems } from '../yaml/access.js';
import type { YValue } from '../yaml/tree.js';
import { treeOf } from '../model/trees.js';
import type { AlertingFile, AlertmanagerConfig, AlertmanagerResource, PrometheusAlerting } from '../model/types.js';
import { YValues } from './values.js';

const MAX_ROUTES = 5_000;
const MAX_ROUTE_DEPTH = 64;

/** Route settings a child route takes from its parent when it does not set them (Alertmanager's inheritance). */
const INHERITED_FILE = ['receiver', 'group_by', 'group_wait', 'group_interval', 'repeat_interval'];
const INHERITED_RESOURCE = ['receiver', 'groupBy', 'groupWait', 'groupInterval', 'repeatInterval'];

const URL_KEY = /(?:url|URL)$/;
const always = (): boolean => true;
/** Receiver names and URLs are read literally; notification texts are Alertmanager templates, kept as written. */
const receiverLiteral = (path: AttributePath): boolean => path[0] === 'name' || URL_KEY.test(String(path[path.length - 1]));
const configLiteral = (path: AttributePath): boolean => URL_KEY.test(String(path[path.length - 1]));

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function firstKey(node: YValue, fallback: Range): Range {
  return node.kind === 'map' ? (node.entries[0]?.keyRange ?? node.range) : fallback;
}

interface Inherited {
  readonly key: string;
  readonly node: YValue | undefined;
  readonly from: string;
}

function routeDrafts(config: AlertmanagerConfig, configId: string, route: YValue, out: PolicyResourceDraft[]): void {
  const file = config.file;
  const inheritable = config.source === 'custom-resource' ? INHERITED_RESOURCE : INHERITED_FILE;
  let count = 0;
  const visit = (node: YValue, id: string, name: string, inherited: readonly Inherited[], depth: number): void => {
    if (!isMapValue(node) || count >= MAX_ROUTES || depth > MAX_ROUTE_DEPTH) return;
    count++;
    const values = new YValues(file, new PolicyLocations(), always);
    const attributes: Record<string, PolicyValue> = values.entries(node, [], new Set(['routes']));
    const head = firstKey(node, node.range);
    for (const parent of inherited) {
      if (parent.key in attributes) continue;
      const scratch = new YValues(file, new PolicyLocations(), always);
      attributes[parent.key] = scratch.value(parent.node, [parent.key]);
      values.locations.adopt(scratch.locations, [{ file, range: head, message: `${name} inherits ${parent.key} from ${parent.from}` }]);
    }
    const children = seqItems(node, 'routes');
    const routesKey = entry(node, 'routes');
    if (routesKey) {
      attributes.routes = children.map((_, i) => `${id}.routes[${i}]`);
      values.locations.set(['routes'], file, routesKey.keyRange);
      children.forEach((child, i) => values.locations.set(['routes', i], file, firstKey(child, child.range)));
    }
    out.push({ id, type: 'route', name, file, range: head, attributes, locations: values.locations, ...(config.namespace === undefined ? {} : { namespace: config.namespace }) });
    const passed: Inherited[] = inheritable.flatMap((key): Inherited[] => {
      const own = entry(node, key);
      if (own) return [{ key, node: own.value, from: name }];
      return inherited.filter((i) => i.key === key);
    });
    children.forEach((child, i) => visit(child, `${id}.routes[${i}]`, `${name}.routes[${i}]`, passed, depth + 1));
  };
  visit(route, `${configId}#route`, 'route', [], 0);
}

function configDrafts(config: AlertmanagerConfig): PolicyResourceDraft[] {
  const tree = treeOf(config);
  if (!isMapValue(tree)) return [];
  const file = config.file;
  const id = config.resource ?? file;
  const ns = config.namespace === undefined ? {} : { namespace: config.namespace };
  const values = new YValues(file, new PolicyLocations(), configLiteral);
  const attributes: Record<string, PolicyValue> = { source: config.source, ...values.entries(tree, [], new Set(['route', 'receivers'])) };
  const receivers = seqItems(tree, 'receivers').filter(isMapValue);
  const receiversKey = entry(tree, 'receivers');
  const names = receivers.map((r) => {
    const name = field(r, 'name');
    return name?.kind === 'scalar' && name.value !== null ? String(name.value) : '(unnamed)';
  });
  if (receiversKey) {
    attributes.receivers = names;
    values.locations.set(['receivers'], file, receiversKey.keyRange);
    receivers.forEach((r, i) => values.locations.set(['receivers', i], file, field(r, 'name')?.range ?? r.range));
  }
  const drafts: PolicyResourceDraft[] = [{ id, type: 'alertmanager-config', name: config.name ?? basename(file), file, range: firstKey(tree, config.range), attributes, locations: values.locations, ...ns }];
  const route = field(tree, 'route');
  if (route) routeDrafts(config, id, route, drafts);
  receivers.forEach((r, i) => {
    const rv = new YValues(file, new PolicyLocations(), receiverLiteral);
    const name = names[i] as string;
    const nameRange = field(r, 'name')?.range ?? r.range;
    drafts.push({ id: `${id}#receiver.${name}`, type: 'receiver', name, file, range: nameRange, attributes: rv.entries(r, []), locations: rv.locations, ...ns });
  });
  return drafts;
}

function prometheusDraft(p: PrometheusAlerting): PolicyResourceDraft[] {
  const values = new YValues(p.file, new PolicyLocations(), configLiteral);
  const tree = treeOf(p);
  const attributes: Record<string, PolicyValue> = { source: p.source, ...(isMapValue(tree) ? values.entries(tree, []) : {}) };
  const ns = p.namespace === undefined ? {} : { namespace: p.namespace };
  return [{ id: p.resource ?? p.file, type: 'prometheus-alerting', name: p.name ?? basename(p.file), file: p.file, range: p.alertingKey, attributes, locations: values.locations, ...ns }];
}

function alertmanagerDraft(am: AlertmanagerResource): PolicyResourceDraft[] {
  const values = new YValues(am.file, new PolicyLocations(), always);
  const tree = treeOf(am);
  const spec = isMapValue(tree) ? entry(tree, 'spec') : undefined;
  const attributes: Record<string, PolicyValue> = {};
  if (spec) {
    values.locations.set(['spec'], am.file, spec.keyRange);
    attributes.spec = values.value(spec.value, ['spec']);
  }
  const kindKey = isMapValue(tree) ? entry(tree, 'kind')?.keyRange : undefined;
  const ns = am.namespace === undefined ? {} : { namespace: am.namespace };
  return [{ id: am.resource ?? `Alertmanager/${am.namespace ?? 'default'}/${am.name}`, type: 'Alertmanager', name: am.name, file: am.file, range: kindKey ?? am.range, attributes, locations: values.locations, ...ns }];
}

/**
 * What policies see of alert routing: per Alertmanager configuration (a file, a Secret or ConfigMap key,
 * an `AlertmanagerConfig` resource) an `alertmanager-config` resource (id as findings use it: the file
 * path or `Secret/<ns>/<name>`), one `route` resource per route (`<config>#route`,
 * `<config>#route.routes[0]`...) with `receiver`, `group_by` and the intervals resolved through the routes
 * above it, one `receiver` resource per receiver (`<config>#receiver.<name>`); a `prometheus-alerting`
 * resource per Prometheus `alerting` block and an `Alertmanager` resource per operator-managed
 * Alertmanager. Positions of an embedded configuration land in the host manifest.
 */
export function alertingPolicyUnit(unit: DeploymentUnit, files: readonly ParsedFile<AlertingFile>[]): PolicyUnit {
  const inUnit = new Set(unit.files);
  const own = files.filter((f) => inUnit.size === 0 || inUnit.has(f.source.path));
  const drafts: PolicyResourceDraft[] = [];
  for (const f of own) {
    const root = f.root;
    if (!root) continue;
    for (const config of root.configs) drafts.push(...configDrafts(config));
    for (const p of root.prometheuses) drafts.push(...prometheusDraft(p));
    for (const am of root.alertmanagers) drafts.push(...alertmanagerDraft(am));
  }
  const paths = own.map((f) => f.source.path);
  return { language: 'alerting', unit: policyUnitName(unit.id, paths), resources: policyResources(drafts), files: paths.length > 0 ? paths : [...unit.files] };
}
