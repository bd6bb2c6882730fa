import { unknown, type Fixer, type MessageData, type RelatedDescriptor, type RuleContext, type TextEdit } from '@nospof/core';
import type {
  Autoscaler,
  Job,
  KubernetesIndex,
  KubernetesObject,
  ManifestFile,
  OtherObject,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PodDisruptionBudget,
  Service,
  Workload,
  Written,
} from '@nospof/kubernetes';
import { kubernetesIndex } from './index-of.js';

/** Handlers for deployed objects, by node type. */
export interface DeployedHandlers {
  Workload?(workload: Workload): void;
  Pod?(pod: Pod): void;
  Job?(job: Job): void;
  PodDisruptionBudget?(pdb: PodDisruptionBudget): void;
  Autoscaler?(autoscaler: Autoscaler): void;
  Service?(service: Service): void;
  PersistentVolumeClaim?(claim: PersistentVolumeClaim): void;
  PersistentVolume?(volume: PersistentVolume): void;
  KubernetesObject?(object: OtherObject): void;
}

export interface DeployedOptions {
  /**
   * Other objects to judge when an object is judged: those whose findings name it (the workload an
   * autoscaler sets the count of, the autoscaler of a workload), so naming either file finds them.
   */
  readonly also?: (object: KubernetesObject, index: KubernetesIndex) => readonly KubernetesObject[];
}

/** `also` for rules judging a workload by its replica count: the workload an autoscaler of the file manages. */
export function targetOfAutoscaler(object: KubernetesObject, index: KubernetesIndex): readonly KubernetesObject[] {
  const target = object.type === 'Autoscaler' ? index.autoscalerTarget(object) : undefined;
  return target ? [target] : [];
}

/** `also` for rules judging an autoscaler: the autoscaler of a workload of the file. */
export function autoscalerOfWorkload(object: KubernetesObject, index: KubernetesIndex): readonly KubernetesObject[] {
  const autoscaler = object.type === 'Workload' ? index.autoscalerFor(object) : undefined;
  return autoscaler ? [autoscaler] : [];
}

/**
 * The visitor of a Kubernetes rule: for the file being linted, every object as its unit deploys it (a
 * base rendered through an overlay, a patch applied to its target), each once. A file that only patches
 * or kustomizes objects still has them judged, so naming it never hides a finding.
 */
export function visitDeployed(context: RuleContext<string>, handlers: DeployedHandlers, options: DeployedOptions = {}): { ManifestFile(file: ManifestFile): void } {
  return {
    ManifestFile() {
      const index = kubernetesIndex(context);
      for (const u of index.unrenderedIn(context.file)) context.skipped(unknown(u.reason, u.range, u.file), `${u.what} of ${u.file}`);
      const objects: KubernetesObject[] = [...index.touching(context.file)];
      if (options.also) for (const object of index.touching(context.file)) objects.push(...options.also(object, index));
      const seen = new Set<KubernetesObject>();
      for (const object of objects) {
        if (seen.has(object)) continue;
        seen.add(object);
        const reason = index.unknownReason(object);
        if (reason !== undefined) {
          context.skipped(unknown(reason, object.kindNode.range, object.file), `${object.kind} ${JSON.stringify(object.name)}`);
          continue;
        }
        dispatch(handlers, object);
      }
    },
  };
}

function dispatch(handlers: DeployedHandlers, object: KubernetesObject): void {
  switch (object.type) {
    case 'Workload':
      return handlers.Workload?.(object);
    case 'Pod':
      return handlers.Pod?.(object);
    case 'Job':
      return handlers.Job?.(object);
    case 'PodDisruptionBudget':
      return handlers.PodDisruptionBudget?.(object);
    case 'Autoscaler':
      return handlers.Autoscaler?.(object);
    case 'Service':
      return handlers.Service?.(object);
    case 'PersistentVolumeClaim':
      return handlers.PersistentVolumeClaim?.(object);
    case 'PersistentVolume':
      return handlers.PersistentVolume?.(object);
    case 'KubernetesObject':
      return handlers.KubernetesObject?.(object);
  }
}

export interface Report<MessageIds extends string> {
  /** Where the finding lands: the value that decided it, in whatever file wrote it. */
  readonly at: Written;
  readonly messageId: MessageIds;
  readonly data?: MessageData;
  readonly fix?: (fixer: Fixer) => TextEdit | readonly TextEdit[] | null | undefined;
  readonly related?: readonly RelatedDescriptor[];
}

function same(a: Written, b: Written): boolean {
  return a.file === b.file && a.range.start.offset === b.range.start.offset;
}

/**
 * Reports a finding about a deployed object on the file and line that wrote the deciding value, with the
 * object's way there (its base, the patches, the kustomizations, the Helm template) as related locations,
 * and the object as written in its base as a place where a suppression also counts.
 */
export function reportOn<MessageIds extends string>(context: RuleContext<MessageIds>, index: KubernetesIndex, object: KubernetesObject, report: Report<MessageIds>): void {
  const related: RelatedDescriptor[] = [...(report.related ?? [])];
  for (const step of index.trail(object)) {
    if (same(step.node, report.at) || related.some((r) => r.file === step.node.file && r.node.range.start.offset === step.node.range.start.offset)) continue;
    related.push({ node: step.node, file: step.node.file, message: step.message });
  }
  context.report({
    node: report.at,
    file: report.at.file,
    messageId: report.messageId,
    resource: object.resource,
    ...(report.data ? { data: report.data } : {}),
    // Helm output is regenerated from its chart: no fix is offered on it.
    ...(report.fix && !index.renderedByHelm(object) ? { fix: report.fix } : {}),
    ...(related.length > 0 ? { related } : {}),
    suppressibleAt: index.anchors(object).map((a) => ({ file: a.file, node: a })),
  });
}
