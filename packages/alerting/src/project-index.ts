import type { ParsedFile } from '@nospof/core';
import type { AlertingFile, AlertmanagerConfig, AlertmanagerEndpoint, AlertmanagerResource, PrometheusAlerting } from './model/types.js';

function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  // Namespaces are often left to `kubectl -n` or kustomize: an unset one matches any.
  return a === undefined || b === undefined || a === b;
}

/** Alerting facts across the files of a run: operator-managed Alertmanagers and the configurations they use. */
export class AlertingIndex {
  readonly alertmanagers: readonly AlertmanagerResource[];
  readonly configs: readonly AlertmanagerConfig[];
  readonly prometheuses: readonly PrometheusAlerting[];
  private readonly globalConfigNames: AlertingFile['globalConfigNames'];

  constructor(files: readonly ParsedFile<AlertingFile>[]) {
    this.alertmanagers = files.flatMap((f) => f.root?.alertmanagers ?? []);
    this.globalConfigNames = files.flatMap((f) => f.root?.globalConfigNames ?? []);
    this.configs = files.flatMap((f) => f.root?.configs ?? []);
    this.prometheuses = files.flatMap((f) => f.root?.prometheuses ?? []);
  }

  /**
   * True for a configuration that routes every alert: a file, a Secret or ConfigMap key, or an
   * `AlertmanagerConfig` an `Alertmanager` names in `spec.alertmanagerConfiguration` (or a chart's Helm
   * values name for the `Alertmanager` the chart renders). Other
   * `AlertmanagerConfig` resources route one namespace's alerts, and the operator appends their first
   * route to the global tree with `continue: true`.
   */
  isGlobal(config: AlertmanagerConfig): boolean {
    if (config.source !== 'custom-resource') return true;
    return (
      this.alertmanagers.some((am) => am.configurationName === config.name && sameNamespace(am.namespace, config.namespace)) ||
      this.globalConfigNames.some((named) => named.name === config.name && sameNamespace(named.namespace, config.namespace))
    );
  }

  /** The Alertmanager resources behind a `Prometheus` resource's `alertmanagers` entry (a Service name). */
  alertmanagersFor(endpoint: AlertmanagerEndpoint, prometheusNamespace: string | undefined): AlertmanagerResource[] {
    const namespace = endpoint.namespace ?? prometheusNamespace;
    return this.alertmanagers.filter(
      (am) => sameNamespace(am.namespace, namespace) && (endpoint.name === 'alertmanager-operated' || endpoint.name === am.name || endpoint.name === `alertmanager-${am.name}`),
    );
  }
}
