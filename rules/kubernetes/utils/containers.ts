import type { Container, KubernetesIndex, Workload } from '@nospof/kubernetes';

/** True when the container declares `ports` (it serves something itself). */
export function hasPorts(container: Container): boolean {
  return container.ports.length > 0;
}

/** True when some Service of the unit selects the workload's pods. */
export function isBehindService(index: KubernetesIndex, workload: Workload): boolean {
  return index.servicesSelecting(workload).length > 0;
}

/**
 * Port names that carry telemetry or diagnostics rather than the traffic a Service balances: a Prometheus
 * scrape, a profiler or the kubelet's health check reaches a pod whether or not it is ready.
 */
const TELEMETRY_PORT = /^(?:https?-)?(?:metrics|prometheus|prom|monitoring|telemetry|profiling|pprof|debug|healthz?|health|probes?|liveness|readiness)$/;

/** True for a port declared with a telemetry or diagnostics name (`metrics`, `http-metrics`, `profiling`, `healthz`). */
export function isTelemetryPort(port: { readonly name?: string | undefined }): boolean {
  return port.name !== undefined && TELEMETRY_PORT.test(port.name.toLowerCase());
}
