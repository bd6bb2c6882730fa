import { unknown } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import { mapAt, seqItems, text, type Container, type Service, type Workload } from '@nospof/kubernetes';
import { hasPorts, isBehindService, isTelemetryPort } from './utils/containers.js';
import { reportOn, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';

/** The ports Services send traffic to: `targetPort` (a number or a port name), else `port`. */
interface Targets {
  readonly ports: ReadonlySet<string>;
  /** The targets of Service ports named for telemetry (`name: metrics`, `http-metrics`). */
  readonly telemetry: ReadonlySet<string>;
  /** A Service whose ports cannot be read (templated, or none listed: a headless Service reaches every port). */
  readonly unreadable: boolean;
}

function targetsOf(services: readonly Service[]): Targets {
  const ports = new Set<string>();
  const telemetry = new Set<string>();
  let unreadable = false;
  for (const service of services) {
    const entries = seqItems(mapAt(service.value, ['spec'])?.get('ports'));
    if (entries.length === 0) unreadable = true;
    for (const entry of entries) {
      const target = entry.kind === 'map' ? text(entry.get('targetPort') ?? entry.get('port')) : undefined;
      if (target === undefined || target.includes('${') || target.includes('{{')) unreadable = true;
      else {
        ports.add(target);
        const name = entry.kind === 'map' ? text(entry.get('name')) : undefined;
        if (name !== undefined && isTelemetryPort({ name })) telemetry.add(target);
      }
    }
  }
  return { ports, telemetry, unreadable };
}

/**
 * True when the pod serves only telemetry: every port any container declares has a telemetry name, and
 * every port the Services selecting it send traffic to is one of them or is itself named for telemetry on
 * the Service (a controller or an operator exposing metrics and a health endpoint). Another Service port
 * may be served by the pod whether or not it declares it.
 */
function servesOnlyTelemetry(containers: readonly Container[], targets: Targets): boolean {
  const ports = containers.flatMap((c) => c.ports);
  if (!ports.every(isTelemetryPort) || targets.unreadable) return false;
  if (ports.length === 0 && targets.ports.size === 0) return false;
  const declared = (target: string) => ports.some((p) => p.name === target || (p.containerPort !== undefined && String(p.containerPort) === target));
  return [...targets.ports].every((target) => declared(target) || targets.telemetry.has(target));
}

/** Whether Service traffic reaches one of the container's ports (by number or name); undefined when unknown. */
function receivesServiceTraffic(container: Container, targets: Targets): boolean | undefined {
  const hit = container.ports.some((p) => (p.containerPort !== undefined && targets.ports.has(String(p.containerPort))) || (p.name !== undefined && targets.ports.has(p.name)));
  if (hit) return true;
  return targets.unreadable ? undefined : false;
}

export default defineRule({
  meta: {
    id: 'kubernetes/require-readiness-probe',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Serving containers have a readiness probe',
      rationale:
        'Without a readiness probe a pod counts as ready as soon as its process starts: Services send traffic to replicas that cannot answer yet or have stopped answering, and rolling updates move on before the new replicas work, so the redundancy does not fail over.',
      remediation: 'Add a `readinessProbe` (HTTP, TCP, gRPC or exec) that checks the container can serve.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults:
        'An absent `readinessProbe` means the container is ready once started. A workload is judged when a Service of its deployment unit selects its pods or one of its containers declares `ports`; DaemonSets only when a Service selects them. Init containers (including restartable sidecars) are exempt. A helper container without `ports` is exempt when another container of the pod has a readiness probe or declares `ports` (that one is reported); a container with `ports` next to a probed one is exempt unless a Service of the unit targets one of its ports (`targetPort`, or `port` when absent, by number or name). A pod whose declared ports all carry telemetry names (`metrics`, `http-metrics`, `profiling`, `pprof`, `healthz`...), and whose Services target only those ports or ports the Service itself names for telemetry, serves no traffic a probe could steer (a controller exposing metrics) and is not judged. Jobs and CronJobs are not long-running and are not judged.',
    },
    messages: {
      missing: 'Container "{{container}}" of {{kind}} "{{name}}" has no readiness probe; traffic reaches it before it can serve and after it stops.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const index = kubernetesIndex(context);
    return visitDeployed(context, {
      Workload(workload: Workload) {
        const template = workload.template;
        if (!template) return;
        const behindService = isBehindService(index, workload);
        // DaemonSets are node agents unless a Service sends them traffic; a workload with no ports and no
        // Service (a queue worker) receives no traffic a probe could steer.
        if (workload.kind === 'DaemonSet' && !behindService) return;
        if (!behindService && !template.containers.some(hasPorts)) return;
        // a pod that declares only metrics, profiling and health ports receives no traffic a probe could
        // steer: a scrape reaches it ready or not (a controller, an operator's manager)
        let targets: Targets | undefined;
        if (template.containers.every((c) => c.ports.every(isTelemetryPort))) {
          targets = targetsOf(index.servicesSelecting(workload));
          if (servesOnlyTelemetry(template.containers, targets)) return;
        }
        // a helper without ports (a log shipper, a config reloader) is not where traffic goes: the pod's
        // readiness follows the serving container, which is probed or reported itself
        const someServes = template.containers.some((c) => c.readinessProbe !== undefined || hasPorts(c));
        for (const container of template.containers) {
          if (container.readinessProbe) continue;
          if (someServes && !hasPorts(container)) continue;
          // a sidecar with ports (a metrics exporter, a backup streamer) next to a probed container: the
          // sibling's probe gates the pod's readiness, and no Service sends its traffic to the sidecar
          if (template.containers.some((c) => c !== container && c.readinessProbe !== undefined)) {
            targets ??= targetsOf(index.servicesSelecting(workload));
            const served = receivesServiceTraffic(container, targets);
            if (served === false) continue;
            if (served === undefined) {
              context.skipped(unknown('the ports the Services selecting the pods send traffic to cannot be read', container.nameNode.range, container.nameNode.file), `readiness of container "${escapeName(container.name)}"`);
              continue;
            }
          }
          reportOn(context, index, workload, {
            at: container.nameNode,
            messageId: 'missing',
            data: { container: escapeName(container.name), kind: workload.kind, name: escapeName(workload.name) },
          });
        }
      },
    });
  },
});
