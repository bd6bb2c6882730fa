import { defineRule } from './utils/define-rule.js';
import type { Pod } from '@nospof/kubernetes';
import { reportOn, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';

/** Programs that keep a container idle: a toolbox or debug pod someone `exec`s into. */
const idlePrograms = new Set(['sleep', 'pause', 'tail', 'cat']);
/** Words of a shell script that only idles (`sleep infinity`, `while true; do sleep 30; done`). */
const idleWords = new Set(['sleep', 'tail', '-f', '/dev/null', 'while', 'true', 'do', 'done', 'exec', 'infinity']);

function isIdleScript(script: string): boolean {
  const words = script.replace(/;/g, ' ').split(/\s+/).filter((w) => w !== '');
  return (words.includes('sleep') || words.includes('tail')) && words.every((w) => idleWords.has(w) || /^[0-9]+[smhd]?$/.test(w));
}

/** True for a pod that only idles (`sleep infinity`, `tail -f /dev/null`): a toolbox, not a service. */
function isToolbox(pod: Pod): boolean {
  const containers = pod.spec?.containers ?? [];
  return (
    containers.length > 0 &&
    containers.every((c) => {
      const argv = [...c.command, ...c.args];
      const program = argv[0]?.split('/').pop() ?? '';
      if (idlePrograms.has(program)) return true;
      return (program === 'sh' || program === 'bash') && argv[1] === '-c' && isIdleScript(argv.slice(2).join(' '));
    })
  );
}

export default defineRule({
  meta: {
    id: 'kubernetes/no-bare-pod',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Pods that something depends on are created by a controller, not declared bare',
      rationale:
        'A bare Pod is bound to one node for life: when that node fails, is drained or the pod is evicted, nothing recreates it elsewhere.',
      remediation: 'Run the pod from a Deployment (or StatefulSet, DaemonSet, Job) so a controller replaces it.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults:
        'A Pod is judged when something depends on it: a Service of its deployment unit selects it, or a container declares `ports`. One-shot pods (`restartPolicy: Never` or `OnFailure`), toolbox pods that only idle (`sleep`, `tail -f /dev/null`) and pods nothing selects are judged only with `oneShot: true` (the strict preset). A Pod with `metadata.ownerReferences` is owned by a controller and passes; Helm hook and test pods (`helm.sh/hook` annotation) run once by design and pass. A Pod with neither `metadata.name` nor `generateName` cannot be created as written: it is a template another tool fills in (a Jenkins or GitLab agent pod template) and is not judged.',
    },
    messages: {
      bare: 'Pod "{{name}}" {{why}} but is not managed by a controller; nothing recreates it when its node goes away.',
    },
    schema: [{ type: 'object', properties: { oneShot: { type: 'boolean' } }, additionalProperties: false }],
    defaultOptions: [{ oneShot: false }],
    strictOptions: [{ oneShot: true }],
    fixable: false,
  },
  create(context, [{ oneShot }]) {
    const index = kubernetesIndex(context);
    return visitDeployed(context, {
      Pod(pod: Pod) {
        if (pod.ownerReferences) return;
        if (pod.annotations['helm.sh/hook'] !== undefined) return;
        const service = index.servicesSelecting(pod)[0];
        const serves = (pod.spec?.containers ?? []).some((c) => c.ports.length > 0);
        let why: string;
        if (service) why = `receives traffic from Service "${escapeName(service.name)}"`;
        else if (serves) why = 'serves on container ports';
        else if (!oneShot) return;
        else if (pod.spec?.restartPolicy === 'Never' || pod.spec?.restartPolicy === 'OnFailure') why = 'runs once';
        else if (isToolbox(pod)) why = 'is a toolbox pod';
        else why = 'runs';
        reportOn(context, index, pod, {
          at: pod.kindNode,
          messageId: 'bare',
          data: { name: escapeName(pod.name), why },
          related: service ? [{ node: service.selectorNode ?? service.kindNode, file: service.file, message: `Service "${escapeName(service.name)}" selects this pod` }] : [],
        });
      },
    });
  },
});
