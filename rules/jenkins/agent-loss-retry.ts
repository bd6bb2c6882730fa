import { defineRule } from './utils/define-rule.js';
import { ancestors, firstArgument, flattenRuns, namedArgument, nodesOfType, optionNamed, parseLabelExpression, positiveAtoms, resolveArgument, resourceOf, stringValue, wrappingRun } from '@nospof/jenkins';
import type { Agent, Groovy, JenkinsFile, ModelNode, Options, Run, Stage, Step } from '@nospof/jenkins';
import { fileFlow, judgedOnItsOwn, located } from './utils/flow.js';
import { labelMatches } from './utils/glob.js';

/** Stages, matrices and the pipeline: where an agent and options are declared. */
interface Holder extends ModelNode {
  readonly agent?: Agent | undefined;
  readonly options?: Options | undefined;
}

const holderTypes: ReadonlySet<string> = new Set(['Stage', 'Matrix', 'Pipeline']);

/** Retry conditions that restart a stage when its agent disappears. */
const agentConditions: ReadonlySet<string> = new Set(['agent', 'kubernetesAgent', 'nonresumable']);

/** `retry(count: 2, conditions: [agent()])`: a retry that survives the loss of the agent. */
function retriesOnAgentLoss(retry: Step | undefined): boolean {
  const conditions = retry ? namedArgument(retry.namedArgs, 'conditions') : undefined;
  if (conditions?.type !== 'ListExpression') return false;
  return conditions.elements.some((e: Groovy.Expression) => e.type === 'MethodCall' && agentConditions.has(e.name));
}

/** A label expression some of whose positive atoms match an ephemeral pattern (whole words, or globs). */
function ephemeralText(text: string, patterns: readonly string[]): boolean {
  const expression = parseLabelExpression(text);
  return expression !== undefined && positiveAtoms(expression).some((a) => patterns.some((p) => labelMatches(p, a)));
}

function ephemeralLabel(agent: Agent | undefined, patterns: readonly string[]): boolean {
  if (!agent?.label?.known) return false;
  return ephemeralText(agent.label.value, patterns);
}

/** The agent a stage's steps run on: its own, else the nearest enclosing stage's, matrix's or pipeline's. */
function effectiveAgent(stage: Stage): Agent | undefined {
  if (stage.agent) return stage.agent;
  for (const a of ancestors(stage) as Holder[]) {
    if (holderTypes.has(a.type) && a.agent) return a.agent;
  }
  return undefined;
}

function stageRetried(stage: Stage): boolean {
  const holders = [stage, ...ancestors(stage)] as Holder[];
  return holders.some((h) => holderTypes.has(h.type) && retriesOnAgentLoss(optionNamed(h, 'retry')));
}

/** A scripted `node` on a pod or an ephemeral label, its label followed through helper parameters. */
function isPodNode(run: Run, patterns: readonly string[]): boolean {
  if (run.step.qualifiedName !== 'node' || run.step.member) return false;
  const { expression } = resolveArgument(run, firstArgument(run.step, 'label'));
  if (expression?.type === 'Identifier' && expression.name === 'POD_LABEL') return true;
  if (wrappingRun(run, ['podTemplate'])) return true;
  const label = expression ? stringValue(expression) : undefined;
  return label?.known === true && ephemeralText(label.value, patterns);
}

export default defineRule({
  meta: {
    id: 'jenkins/agent-loss-retry',
    language: 'jenkins',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'Stages on ephemeral agents retry when the agent is lost',
      rationale:
        'Kubernetes pods, containers and spot or cloud instances disappear: evictions, node drains, scale-downs and spot reclaims kill the build half way. `retry(conditions: [agent()])` (or `kubernetesAgent()`) reruns the stage on a fresh agent instead of failing the release.',
      remediation:
        "Add `options { retry(count: 2, conditions: [kubernetesAgent(), nonresumable()]) }` to the stage (or the pipeline), or wrap scripted `node(POD_LABEL)` in `retry(count: 2, conditions: [kubernetesAgent()]) { }`.",
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2'],
      preset: 'strict',
      defaults:
        'Agents are ephemeral when they are `kubernetes` agents, scripted `node(POD_LABEL)` in a `podTemplate`, or labels one of whose words matches the `ephemeralLabels` patterns (`spot` matches `linux-spot`, not `linux-nonspot`). A `docker` or `dockerfile` agent runs on an ordinary labelled agent and is ephemeral only when that label is. A plain `retry(n)` does not retry after agent loss.',
    },
    messages: {
      noRetry: 'Stage "{{stage}}" runs on an ephemeral {{kind}} agent without `retry(conditions: [agent()])`; losing the agent fails the build.',
      noRetryPipeline: 'Stages run on this ephemeral {{kind}} agent without `retry(conditions: [agent()])`; losing the agent fails the build.',
      noRetryScripted: 'This `node` runs on an ephemeral agent without `retry(conditions: [agent()])` around it; losing the agent fails the build.',
    },
    schema: [
      {
        type: 'object',
        properties: { ephemeralLabels: { type: 'array', items: { type: 'string', minLength: 1 } } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ephemeralLabels: ['spot', 'ephemeral', 'preemptible', 'ec2', 'k8s', 'kubernetes'] }],
    fixable: false,
  },
  create(context, [{ ephemeralLabels }]) {
    const isEphemeral = (agent: Agent | undefined): boolean => agent !== undefined && (agent.ephemeral || ephemeralLabel(agent, ephemeralLabels));
    return {
      JenkinsFile(file: JenkinsFile) {
        const ff = fileFlow(context, file);
        if (!judgedOnItsOwn(ff)) return;
        const reportedAgents = new Set<Agent>();
        for (const stage of nodesOfType<Stage>(file, 'Stage')) {
          if (!stage.steps) continue;
          const agent = effectiveAgent(stage);
          if (!agent || !isEphemeral(agent) || stageRetried(stage)) continue;
          if (agent.parent === stage || agent.parent?.type === 'Stage') {
            // Nested stages share the pod of the stage that declares the agent: its `options { retry }`
            // is the one fix, so the finding sits there once rather than on every nested stage.
            const owner = agent.parent?.type === 'Stage' ? (agent.parent as Stage) : stage;
            if (reportedAgents.has(agent)) continue;
            reportedAgents.add(agent);
            const name = owner.name.known ? owner.name.value : '?';
            context.report({ node: { range: owner.nameRange }, messageId: 'noRetry', data: { stage: name, kind: agent.keyword }, resource: resourceOf(owner) });
          } else if (!reportedAgents.has(agent)) {
            reportedAgents.add(agent);
            context.report({ node: { range: agent.call.nameRange }, messageId: 'noRetryPipeline', data: { kind: agent.keyword }, resource: resourceOf(agent) });
          }
        }
        if (file.pipeline) return;
        for (const run of flattenRuns(ff.flow.runsOf(file.steps))) {
          if (!isPodNode(run, ephemeralLabels)) continue;
          if (retriesOnAgentLoss(wrappingRun(run, ['retry'])?.step)) continue;
          context.report({ ...located(ff, run, run.step.nameRange), messageId: 'noRetryScripted', resource: resourceOf(run.step) });
        }
      },
    };
  },
});
