import type { Node, Range, Value } from '@nospof/core';

export type MatchOp = '=' | '!=' | '=~' | '!~';

/** One label matcher of a route (`severity="critical"`, `match_re: {team: db|web}`). */
export interface Matcher {
  readonly label: string;
  readonly op: MatchOp;
  readonly value: string;
  readonly range: Range;
}

/** A matcher nospof cannot read (templated or malformed): it may match anything. */
export interface OpaqueMatcher {
  readonly op: 'opaque';
  readonly reason: string;
  readonly range: Range;
}

export interface ReceiverRef {
  readonly name: Value<string>;
  /** The `receiver:` value. */
  readonly range: Range;
}

export interface Route extends Node {
  readonly type: 'Route';
  readonly receiver?: ReceiverRef;
  readonly matchers: readonly (Matcher | OpaqueMatcher)[];
  /** `continue` (default false): also try the next sibling routes. */
  readonly continue: Value<boolean>;
  readonly routes: readonly Route[];
  /** The route's first key, where a finding about the route itself lands. */
  readonly head: Range;
}

/** One notification target of a receiver: an item of `pagerduty_configs`, `webhook_configs`... */
export interface Integration {
  /** The Alertmanager key in snake case (`pagerduty_configs`), also for the custom resource's `pagerdutyConfigs`. */
  readonly key: string;
  readonly keyRange: Range;
  readonly range: Range;
  /** Where it sends, for integrations that name a URL (`url`, `api_url`, `webhook_url`); unknown when read from a file or a secret, or templated. */
  readonly url?: Value<string>;
}

export interface Receiver extends Node {
  readonly type: 'Receiver';
  readonly name: Value<string>;
  /** The receiver's `name:` value (its definition). */
  readonly nameRange: Range;
  readonly integrations: readonly Integration[];
  /** True when the receiver holds something nospof cannot read as integrations (a templated list). */
  readonly opaque: boolean;
}

export type ConfigSource = 'file' | 'secret' | 'configmap' | 'custom-resource';

/** Where a configuration embedded in another document sits, for messages. */
export interface Embedding {
  /** `Secret "alertmanager-main"`. */
  readonly owner: string;
  readonly key: string;
  readonly encoding: 'text' | 'base64';
  /** True when positions inside the embedded text map to their exact line and column. */
  readonly exact: boolean;
}

/** An Alertmanager routing configuration: a file, a Secret or ConfigMap key, or an `AlertmanagerConfig`. */
export interface AlertmanagerConfig extends Node {
  readonly type: 'AlertmanagerConfig';
  readonly file: string;
  readonly source: ConfigSource;
  readonly name?: string;
  readonly namespace?: string;
  readonly embedded?: Embedding;
  /** Absent when the configuration has no root route (then Alertmanager refuses it). */
  readonly route?: Route;
  /** The `route:` key. */
  readonly routeKey?: Range;
  readonly receivers: readonly Receiver[];
  /** `global.slack_api_url` and friends: the URL an integration uses when it names none. */
  readonly globalUrls: Readonly<Record<string, Value<string>>>;
}

export interface Located<T> {
  readonly value: T;
  readonly range: Range;
}

/** An `alerting.alertmanagers` entry of a Prometheus custom resource: a Service whose endpoints get alerts. */
export interface AlertmanagerEndpoint {
  readonly name: string;
  readonly namespace?: string;
  readonly range: Range;
}

/** Where Prometheus sends alerts: `prometheus.yml` `alerting`, or the `Prometheus` resource's `spec.alerting`. */
export interface PrometheusAlerting extends Node {
  readonly type: 'PrometheusAlerting';
  readonly file: string;
  readonly source: ConfigSource;
  readonly name?: string;
  readonly namespace?: string;
  readonly embedded?: Embedding;
  /** `prometheus.yml`: the static targets of every `alertmanagers` entry; unknown when one discovers them. */
  readonly staticTargets?: Value<readonly Located<string>[]>;
  /** The `Prometheus` resource: its `alertmanagers` entries (and whether more come from a Secret). */
  readonly endpoints?: readonly AlertmanagerEndpoint[];
  readonly additionalConfigs?: boolean;
  /** The `alerting` key. */
  readonly alertingKey: Range;
}

/** An operator-managed Alertmanager (`kind: Alertmanager`). */
export interface AlertmanagerResource extends Node {
  readonly type: 'Alertmanager';
  readonly file: string;
  readonly name: string;
  readonly namespace?: string;
  /** `spec.replicas`; the operator runs 1 when it is absent. */
  readonly replicas: Value<number>;
  /** Where to write `replicas`: its value, else the `spec` key, else `kind`. */
  readonly replicasAnchor: Range;
  /** `spec.alertmanagerConfiguration.name`: the `AlertmanagerConfig` used as the global configuration. */
  readonly configurationName?: string;
}

export interface AlertingFile extends Node {
  readonly type: 'AlertingFile';
  readonly configs: readonly AlertmanagerConfig[];
  readonly prometheuses: readonly PrometheusAlerting[];
  readonly alertmanagers: readonly AlertmanagerResource[];
  /**
   * `AlertmanagerConfig` resources a chart's Helm values name as the global configuration
   * (kube-prometheus-stack's `alertmanager.alertmanagerSpec.alertmanagerConfiguration.name`): the chart
   * renders the `Alertmanager` that names it, in the release's namespace.
   */
  readonly globalConfigNames: readonly { readonly name: string; readonly namespace?: string }[];
}

/** Alerting node types by visitor key, for rules bound to this language (`defineRuleFor<AlertingNodes>()`). */
export interface AlertingNodes {
  readonly AlertingFile: AlertingFile;
  readonly AlertmanagerConfig: AlertmanagerConfig;
  readonly PrometheusAlerting: PrometheusAlerting;
  readonly Alertmanager: AlertmanagerResource;
}

export const visitorKeys: Readonly<Record<keyof AlertingNodes, readonly string[]>> = {
  AlertingFile: ['configs', 'prometheuses', 'alertmanagers'],
  AlertmanagerConfig: [],
  PrometheusAlerting: [],
  Alertmanager: [],
};
