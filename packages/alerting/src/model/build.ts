import { SourceFile, type Comment, type ParseError, type ParseResult, type Range } from '@nospof/core';
import { entry, field, isMapValue, isScalarValue, mapField, seqItems, stringField, text } from '../yaml/access.js';
import { decodeBase64, literalBlock, wholeValue, type EmbeddedText } from '../yaml/embedded.js';
import { readYaml, type Locate, type YDocument, type YMap, type YScalar, type YValue } from '../yaml/tree.js';
import { buildReceivers, buildRoute, globalUrls, type Dialect } from './alertmanager.js';
import { endpoints, replicasOf, staticTargets } from './prometheus.js';
import { rememberTree } from './trees.js';
import type { AlertingFile, AlertmanagerConfig, AlertmanagerResource, ConfigSource, Embedding, PrometheusAlerting } from './types.js';

export type ConfigKind = 'alertmanager' | 'prometheus';

/** What a file's name says it is: `alertmanager.yml`, `prometheus.yaml`, `edge.alertmanager.yml`... */
export function kindByName(path: string): ConfigKind | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  for (const kind of ['alertmanager', 'prometheus'] as const) {
    if (base === `${kind}.yml` || base === `${kind}.yaml` || base.endsWith(`.${kind}.yml`) || base.endsWith(`.${kind}.yaml`)) return kind;
  }
  return undefined;
}

/** Words one of which any document nospof reads here contains; other YAML files are skipped unparsed. */
const MARKERS = ['receivers', 'alertmanager', 'Alertmanager', 'monitoring.coreos.com'];

export function mayHoldAlerting(text: string): boolean {
  return MARKERS.some((m) => text.includes(m));
}

/** The largest embedded document read (decoded); a larger one is not a configuration anyone writes. */
const MAX_EMBEDDED = 2_000_000;

interface Collected {
  readonly configs: AlertmanagerConfig[];
  readonly prometheuses: PrometheusAlerting[];
  readonly alertmanagers: AlertmanagerResource[];
  readonly globalConfigNames: { readonly name: string; readonly namespace?: string }[];
  readonly errors: ParseError[];
  readonly comments: Comment[];
}

interface Where {
  readonly file: string;
  readonly source: ConfigSource;
  readonly name?: string;
  readonly namespace?: string;
  readonly embedded?: Embedding;
  readonly resource: string;
}

export function buildAlertingFile(source: SourceFile): ParseResult<AlertingFile> {
  const byName = kindByName(source.path);
  if (!byName && !mayHoldAlerting(source.text)) return { errors: [], comments: [], notApplicable: true };
  const lines = source.lines;
  const locate: Locate = (start, end) => lines.range(start, Math.max(start, end));
  const read = readYaml(source, locate);
  const collected: Collected = { configs: [], prometheuses: [], alertmanagers: [], globalConfigNames: [], errors: [], comments: [] };
  let manifests = 0;
  for (const doc of read.documents) {
    const kind = doc.topString('kind');
    if (kind !== undefined && doc.topString('apiVersion') !== undefined) {
      manifests++;
      readManifest(source, doc, kind, collected);
    } else {
      readPlain(doc.root, byName, { file: source.path, source: 'file', resource: source.path }, collected);
    }
  }
  const found = collected.configs.length + collected.prometheuses.length + collected.alertmanagers.length + collected.globalConfigNames.length > 0;
  // A manifest's own syntax errors and comments are the Kubernetes reader's to report; a plain file's are ours.
  const ownErrors = manifests === 0 && (found || byName !== undefined) ? read.errors.map((e) => ({ message: e.message, range: locate(e.start, e.end) })) : [];
  // An embedded configuration that does not parse is still ours to report, though nothing of it is read.
  if (!found && ownErrors.length === 0 && collected.errors.length === 0) return { errors: [], comments: [], notApplicable: true };
  const comments = manifests === 0 ? read.comments.map((c) => ({ text: c.text, range: locate(c.start, c.end) })) : [];
  const root: AlertingFile = {
    type: 'AlertingFile',
    range: lines.range(0, source.text.length),
    configs: collected.configs,
    prometheuses: collected.prometheuses,
    alertmanagers: collected.alertmanagers,
    globalConfigNames: collected.globalConfigNames,
  };
  return { root, errors: [...ownErrors, ...collected.errors], comments: [...comments, ...collected.comments] };
}

/**
 * A document without `apiVersion`/`kind`: an Alertmanager configuration (at the top, or under the
 * `config` / `alertmanager.config` keys of Helm values), or a Prometheus configuration with `alerting`.
 */
function readPlain(root: YValue | undefined, byName: ConfigKind | undefined, where: Where, out: Collected, releaseNamespace?: string): void {
  if (!isMapValue(root)) return;
  const alertmanager = mapField(root, 'alertmanager');
  // A chart renders the configuration its values give only for the Alertmanager it deploys: none when
  // `alertmanager.enabled` is false (kube-prometheus-stack, the prometheus chart's `alertmanager.config`
  // and `alertmanagerFiles`), and kube-prometheus-stack takes it from an existing Secret instead with
  // `alertmanager.alertmanagerSpec.useExistingSecret: true`.
  const chartDeploysNone = isFalse(field(alertmanager, 'enabled'));
  const configFromElsewhere = chartDeploysNone || isTrue(field(mapField(alertmanager, 'alertmanagerSpec'), 'useExistingSecret'));
  // kube-prometheus-stack values naming the `AlertmanagerConfig` the rendered `Alertmanager` uses as its global configuration.
  const configurationName = chartDeploysNone ? undefined : stringField(mapField(mapField(alertmanager, 'alertmanagerSpec'), 'alertmanagerConfiguration'), 'name');
  if (configurationName !== undefined) out.globalConfigNames.push({ name: configurationName, ...(releaseNamespace !== undefined ? { namespace: releaseNamespace } : {}) });
  const candidates: YValue[] = [
    root,
    field(root, 'config'),
    configFromElsewhere ? undefined : field(alertmanager, 'config'),
    chartDeploysNone ? undefined : field(mapField(root, 'alertmanagerFiles'), 'alertmanager.yml'),
  ].filter((v): v is YValue => v !== undefined);
  for (const candidate of candidates) {
    const isRoot = candidate === root;
    const hasRoute = entry(candidate, 'route') !== undefined;
    const hasReceivers = entry(candidate, 'receivers') !== undefined;
    if ((hasRoute && hasReceivers) || (isRoot && byName === 'alertmanager' && (hasRoute || hasReceivers))) {
      out.configs.push(alertmanagerConfig(candidate as YMap, 'file', where));
    }
  }
  const alerting = entry(root, 'alerting');
  if (alerting && (byName === 'prometheus' || entry(root, 'scrape_configs') || entry(root, 'rule_files')) && entry(alerting.value, 'alertmanagers')) {
    const targets = staticTargets(alerting.value);
    out.prometheuses.push(rememberTree({
      type: 'PrometheusAlerting',
      file: where.file,
      source: where.source,
      ...metadata(where),
      ...(targets ? { staticTargets: targets } : {}),
      alertingKey: alerting.keyRange,
      range: alerting.value?.range ?? alerting.keyRange,
      resource: where.resource,
    } satisfies PrometheusAlerting, alerting.value));
  }
}

/** A YAML boolean written `false` (a Helm `if` takes the string "false" as true). */
function isFalse(value: YValue | undefined): boolean {
  return isScalarValue(value) && value.value === false;
}

function isTrue(value: YValue | undefined): boolean {
  return isScalarValue(value) && value.value === true;
}

function metadata(where: Where): Pick<AlertmanagerConfig, 'name' | 'namespace' | 'embedded'> {
  return {
    ...(where.name !== undefined ? { name: where.name } : {}),
    ...(where.namespace !== undefined ? { namespace: where.namespace } : {}),
    ...(where.embedded ? { embedded: where.embedded } : {}),
  };
}

function alertmanagerConfig(map: YMap, dialect: Dialect, where: Where): AlertmanagerConfig {
  const route = buildRoute(field(map, 'route'), dialect);
  const routeKey = entry(map, 'route')?.keyRange;
  const config: AlertmanagerConfig = {
    type: 'AlertmanagerConfig',
    file: where.file,
    source: where.source,
    ...metadata(where),
    ...(route ? { route } : {}),
    ...(routeKey ? { routeKey } : {}),
    receivers: buildReceivers(field(map, 'receivers')),
    globalUrls: globalUrls(field(map, 'global')),
    range: map.range,
    resource: where.resource,
  };
  return rememberTree(config, map);
}

/**
 * Where a GitOps controller's resource holds the Helm values it renders a chart with (kube-prometheus-stack
 * and the Alertmanager chart take the configuration there): Flux's `HelmRelease` `spec.values`, Argo CD's
 * `Application` `spec.source.helm.valuesObject` (one per source with `spec.sources`). Values given as a
 * string or from another object (`valuesFrom`, value files) are not read.
 */
function helmValuesOf(kind: string, apiVersion: string): ((spec: YMap | undefined) => YValue[]) | undefined {
  if (kind === 'HelmRelease' && apiVersion.startsWith('helm.toolkit.fluxcd.io/')) {
    return (spec) => [field(spec, 'values')].filter((v): v is YValue => v !== undefined);
  }
  if (kind === 'Application' && apiVersion.startsWith('argoproj.io/')) {
    return (spec) =>
      [field(spec, 'source'), ...seqItems(spec, 'sources')]
        .map((source) => field(mapField(source, 'helm'), 'valuesObject'))
        .filter((v): v is YValue => v !== undefined);
  }
  return undefined;
}

const ALERTMANAGER_KEYS = new Set(['alertmanager.yaml', 'alertmanager.yml']);
const PROMETHEUS_KEYS = new Set(['prometheus.yaml', 'prometheus.yml']);

function readManifest(source: SourceFile, doc: YDocument, kind: string, out: Collected): void {
  const apiVersion = doc.topString('apiVersion') ?? '';
  const operator = apiVersion.startsWith('monitoring.coreos.com/');
  const gitops = helmValuesOf(kind, apiVersion) !== undefined;
  if (kind !== 'Secret' && kind !== 'ConfigMap' && !operator && !gitops) return;
  const root = doc.root;
  if (!isMapValue(root)) return;
  const meta = mapField(root, 'metadata');
  const name = stringField(meta, 'name') ?? '(unnamed)';
  const namespace = stringField(meta, 'namespace');
  const resource = `${kind}/${namespace ?? 'default'}/${name}`;
  const base = { file: source.path, name, ...(namespace !== undefined ? { namespace } : {}), resource };
  const spec = mapField(root, 'spec');
  if (gitops) {
    // The chart's values, written in the manifest: read like a values.yaml (`alertmanager.config`).
    const releaseNamespace = kind === 'HelmRelease' ? (stringField(spec, 'targetNamespace') ?? namespace) : stringField(mapField(spec, 'destination'), 'namespace');
    for (const values of helmValuesOf(kind, apiVersion)?.(spec) ?? []) readPlain(values, undefined, { ...base, source: 'file' }, out, releaseNamespace);
  } else if (kind === 'AlertmanagerConfig' && operator && spec) {
    out.configs.push(alertmanagerConfig(spec, 'custom-resource', { ...base, source: 'custom-resource' }));
  } else if (kind === 'Alertmanager' && operator) {
    const { replicas, range } = replicasOf(spec);
    const specKey = entry(root, 'spec')?.keyRange;
    const kindKey = entry(root, 'kind')?.keyRange ?? root.range;
    const configurationName = stringField(mapField(spec, 'alertmanagerConfiguration'), 'name');
    out.alertmanagers.push(rememberTree({
      type: 'Alertmanager',
      ...base,
      replicas,
      replicasAnchor: range ?? specKey ?? kindKey,
      ...(configurationName !== undefined ? { configurationName } : {}),
      range: root.range,
    } satisfies AlertmanagerResource, root));
  } else if (kind === 'Prometheus' && operator) {
    const alerting = entry(spec, 'alerting');
    if (!alerting) return;
    out.prometheuses.push(rememberTree({
      type: 'PrometheusAlerting',
      ...base,
      source: 'custom-resource',
      endpoints: endpoints(alerting.value),
      additionalConfigs: entry(spec, 'additionalAlertManagerConfigs') !== undefined,
      alertingKey: alerting.keyRange,
      range: alerting.value?.range ?? alerting.keyRange,
    } satisfies PrometheusAlerting, alerting.value));
  } else if (kind === 'Secret' || kind === 'ConfigMap') {
    const owner = `${kind} "${name}"`;
    const sections = kind === 'Secret' ? (['stringData', 'data'] as const) : (['data'] as const);
    for (const section of sections) {
      for (const e of mapField(root, section)?.entries ?? []) {
        const key = e.key;
        const isAlertmanager = ALERTMANAGER_KEYS.has(key);
        const isPrometheus = PROMETHEUS_KEYS.has(key);
        if (!isAlertmanager && !isPrometheus && !/\.ya?ml$/.test(key)) continue;
        if (!isScalarValue(e.value)) continue;
        const base64 = kind === 'Secret' && section === 'data';
        const embedded = embeddedText(source, e.value, base64);
        if (!embedded) continue;
        // Other YAML keys are read only when they look like an Alertmanager configuration.
        if (!isAlertmanager && !isPrometheus && !(embedded.text.includes('receivers') && embedded.text.includes('route'))) continue;
        readEmbedded(source, embedded, { ...base, source: kind === 'Secret' ? 'secret' : 'configmap', embedded: { owner, key, encoding: embedded.encoding, exact: embedded.exact } }, isPrometheus ? 'prometheus' : 'alertmanager', out);
      }
    }
  }
}

function embeddedText(source: SourceFile, value: YScalar, base64: boolean): EmbeddedText | undefined {
  const raw = text(value);
  if (raw === undefined || raw.length > MAX_EMBEDDED * 2) return undefined;
  if (base64) {
    const decoded = decodeBase64(raw);
    return decoded === undefined || decoded.length > MAX_EMBEDDED ? undefined : wholeValue(decoded, value.range, 'base64');
  }
  return literalBlock(source.text, value, source.lines) ?? wholeValue(raw, value.range, 'text');
}

/**
 * Reads a configuration embedded in a Secret or ConfigMap. Its positions, errors and `nospof-ignore`
 * comments map into the manifest: exactly for a literal block, onto the value for base64 and other text.
 */
function readEmbedded(host: SourceFile, embedded: EmbeddedText, where: Where, kind: ConfigKind, out: Collected): void {
  const inner = new SourceFile(`${host.path}#${where.embedded?.key ?? ''}`, embedded.text);
  const read = readYaml(inner, embedded.locate, { transient: true });
  const label = `the ${where.embedded?.encoding === 'base64' ? 'base64-encoded ' : ''}"${where.embedded?.key ?? ''}" of ${where.embedded?.owner ?? ''}`;
  for (const e of read.errors) out.errors.push({ message: `${e.message} (in ${label})`, range: embedded.locate(e.start, e.end) });
  for (const c of read.comments) out.comments.push({ text: c.text, range: embedded.locate(c.start, c.end) });
  for (const doc of read.documents) readPlain(doc.root, kind, where, out);
}

/** Used by tests and `scopeAt`: the range a config's route or receiver starting on a line covers. */
export function rangeStartingOn(root: AlertingFile, line: number): Range | undefined {
  for (const config of root.configs) {
    for (const receiver of config.receivers) if (receiver.range.start.line === line) return receiver.range;
    const stack = config.route ? [config.route] : [];
    for (let budget = 0; stack.length > 0 && budget < 10_000; budget++) {
      const route = stack.pop();
      if (!route) break;
      if (route.range.start.line === line) return route.range;
      stack.push(...route.routes);
    }
  }
  return undefined;
}

