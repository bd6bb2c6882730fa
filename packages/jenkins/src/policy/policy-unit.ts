import { policyUnknown, type AttributePath, type DeploymentUnit, type ParsedFile, type PolicyObject, type PolicyUnit, type PolicyValue, type RelatedLocation, type Value, PolicyLocations, policyResources, policyUnitName, type PolicyResourceDraft } from '@nospof/core';
import { allStages } from '../model/navigate.js';
import type { Agent, Environment, JenkinsFile, ModelNode, Pipeline, Post, Stage, Step, When } from '../model/types.js';
import { ValueWriter } from './values.js';

/** Stages read per file: far more than any real pipeline, bounded for hostile ones. */
const MAX_STAGES = 2_000;

function valueOf(v: Value<string>): PolicyValue {
  return v.known ? v.value : policyUnknown(v.reason);
}

function stageName(stage: Stage): string {
  return stage.name.known ? stage.name.value : '(computed)';
}

function agentValue(agent: Agent, path: AttributePath, w: ValueWriter, file: string, trail?: readonly RelatedLocation[]): PolicyObject {
  w.locations.set(path, file, agent.call.range, trail);
  w.locations.set([...path, 'kind'], file, agent.call.range, trail);
  const out: Record<string, PolicyValue> = { kind: agent.kind };
  if (agent.keyword && agent.keyword !== agent.kind) out.keyword = agent.keyword;
  const fields = [
    ['label', agent.label],
    ['image', agent.image],
    ['customWorkspace', agent.customWorkspace],
  ] as const;
  for (const [key, value] of fields) {
    if (!value) continue;
    out[key] = valueOf(value);
    w.locations.set([...path, key], file, value.range ?? agent.call.range, trail);
  }
  return out;
}

/** The agent a stage runs on: its own, else the nearest enclosing stage's or matrix's, else the pipeline's. */
function effectiveAgent(stage: Stage): { agent: Agent; from: ModelNode } | undefined {
  for (let n: ModelNode | undefined = stage; n; n = n.parent) {
    if (n.type === 'Stage' || n.type === 'Matrix' || n.type === 'Pipeline') {
      const agent = (n as Stage | Pipeline).agent;
      if (agent) return { agent, from: n };
    }
  }
  return undefined;
}

function environmentValue(env: Environment, path: AttributePath, w: ValueWriter, file: string): PolicyObject {
  w.locations.set(path, file, env.call.nameRange);
  const out: Record<string, PolicyValue> = {};
  for (const entry of env.entries) {
    out[entry.name] = valueOf(entry.value);
    w.locations.set([...path, entry.name], file, entry.value.range ?? entry.range);
  }
  return out;
}

function postValue(post: Post, path: AttributePath, w: ValueWriter, file: string): PolicyObject {
  w.locations.set(path, file, post.call.nameRange);
  const out: Record<string, PolicyValue> = {};
  for (const c of post.conditions) {
    w.locations.set([...path, c.condition], file, c.nameRange);
    out[c.condition] = w.steps(c.steps, [...path, c.condition]);
  }
  return out;
}

function whenValue(when: When, path: AttributePath, w: ValueWriter, file: string): PolicyValue[] {
  w.locations.set(path, file, when.call.nameRange);
  return w.steps(when.conditions, path);
}

function stageList(stages: readonly Stage[], path: AttributePath, w: ValueWriter, file: string): PolicyValue[] {
  return stages.map((s, i) => {
    w.locations.set([...path, i], file, s.nameRange);
    return stageName(s);
  });
}

/** Sections written the same way in a pipeline, a stage and a matrix. */
function sections(node: Pipeline | Stage, out: Record<string, PolicyValue>, w: ValueWriter, file: string): void {
  if (node.options) {
    w.locations.set(['options'], file, node.options.call.nameRange);
    out.options = w.directiveMap(node.options.entries, ['options']);
  }
  if (node.environment) out.environment = environmentValue(node.environment, ['environment'], w, file);
  if (node.tools) {
    w.locations.set(['tools'], file, node.tools.call.nameRange);
    out.tools = w.directiveMap(node.tools.entries, ['tools']);
  }
  if (node.post) out.post = postValue(node.post, ['post'], w, file);
  if (node.stages) {
    w.locations.set(['stages'], file, node.stages.call.nameRange);
    out.stages = stageList(node.stages.stages, ['stages'], w, file);
  }
}

function pipelineDraft(pipeline: Pipeline, file: string): PolicyResourceDraft {
  const w = new ValueWriter(file, new PolicyLocations());
  const out: Record<string, PolicyValue> = {};
  if (pipeline.agent) out.agent = agentValue(pipeline.agent, ['agent'], w, file);
  sections(pipeline, out, w, file);
  if (pipeline.parameters) {
    w.locations.set(['parameters'], file, pipeline.parameters.call.nameRange);
    out.parameters = w.steps(pipeline.parameters.entries, ['parameters']);
  }
  if (pipeline.triggers) {
    w.locations.set(['triggers'], file, pipeline.triggers.call.nameRange);
    out.triggers = w.directiveMap(pipeline.triggers.entries, ['triggers']);
  }
  if (pipeline.libraries) {
    w.locations.set(['libraries'], file, pipeline.libraries.call.nameRange);
    out.libraries = w.steps(pipeline.libraries.entries, ['libraries']);
  }
  return { id: 'pipeline', type: 'pipeline', name: 'pipeline', file, range: pipeline.nameRange, attributes: out, locations: w.locations };
}

function stageDraft(stage: Stage, file: string): PolicyResourceDraft {
  const w = new ValueWriter(file, new PolicyLocations());
  const out: Record<string, PolicyValue> = {};
  w.locations.set(['name'], file, stage.name.range ?? stage.nameRange);
  const running = effectiveAgent(stage);
  if (running) {
    const inherited = running.from !== stage;
    const trail: RelatedLocation[] = inherited ? [{ file, range: stage.nameRange, message: `stage "${stageName(stage)}" runs on this agent` }] : [];
    out.agent = agentValue(running.agent, ['agent'], w, file, trail);
  }
  sections(stage, out, w, file);
  if (stage.input) {
    w.locations.set(['input'], file, stage.input.call.range);
    out.input = stage.input.message ? { message: valueOf(stage.input.message) } : {};
  }
  if (stage.when) {
    out.when = whenValue(stage.when, ['when'], w, file);
    if (stage.when.beforeAgent) out.beforeAgent = true;
  }
  if (stage.steps) {
    w.locations.set(['steps'], file, stage.steps.call.nameRange);
    out.steps = w.steps(stage.steps.steps, ['steps']);
  }
  if (stage.parallel) {
    w.locations.set(['parallel'], file, stage.parallel.call.nameRange);
    out.parallel = stageList(stage.parallel.stages, ['parallel'], w, file);
  }
  if (stage.failFast) out.failFast = true;
  const matrix = stage.matrix;
  if (matrix) {
    w.locations.set(['matrix'], file, matrix.call.nameRange);
    const axes: Record<string, PolicyValue> = {};
    for (const axis of matrix.axes) {
      if (!axis.name.known) continue;
      w.locations.set(['matrix', 'axes', axis.name.value], file, axis.range);
      axes[axis.name.value] = axis.values.map(valueOf);
    }
    const m: Record<string, PolicyValue> = { axes, excludes: matrix.hasExcludes };
    if (matrix.stages) m.stages = stageList(matrix.stages.stages, ['matrix', 'stages'], w, file);
    out.matrix = m;
  }
  return { id: stage.resource ?? `stage:${stageName(stage)}`, type: 'stage', name: stageName(stage), file, range: stage.nameRange, attributes: out, locations: w.locations };
}

/** `stage('Build') { ... }` of a scripted pipeline: its name and what it runs. */
function scriptedStageDraft(step: Step, file: string): PolicyResourceDraft {
  const w = new ValueWriter(file, new PolicyLocations());
  const [first] = step.args;
  const name = first?.type === 'StringLiteral' && first.interpolations.length === 0 ? first.value : '(computed)';
  w.locations.set(['steps'], file, step.nameRange);
  const out: Record<string, PolicyValue> = { steps: w.steps(step.body, ['steps']) };
  return { id: step.resource ?? `stage:${name}`, type: 'stage', name, file, range: step.nameRange, attributes: out, locations: w.locations };
}

/** Scripted stages in source order (outside the declarative `pipeline { }` block). */
function scriptedStages(root: JenkinsFile): Step[] {
  const out: Step[] = [];
  const stack: Step[] = [...root.steps].reverse();
  while (stack.length > 0 && out.length < MAX_STAGES) {
    const step = stack.pop() as Step;
    if (step.qualifiedName === 'stage' && step.hasClosure) out.push(step);
    for (let i = step.body.length - 1; i >= 0; i--) stack.push(step.body[i] as Step);
  }
  return out;
}

function fileDrafts(parsed: ParsedFile<JenkinsFile>): PolicyResourceDraft[] {
  const root = parsed.root;
  const file = parsed.source.path;
  if (!root || root.role !== 'pipeline') return [];
  const drafts: PolicyResourceDraft[] = [];
  if (root.pipeline) {
    drafts.push(pipelineDraft(root.pipeline, file));
    for (const stage of allStages(root).slice(0, MAX_STAGES)) drafts.push(stageDraft(stage, file));
  } else if (root.style === 'scripted') {
    const w = new ValueWriter(file, new PolicyLocations());
    const steps = w.steps(root.steps, ['steps']);
    const start = root.steps[0]?.nameRange ?? root.range;
    drafts.push({ id: 'pipeline', type: 'pipeline', name: 'pipeline', file, range: start, attributes: { style: 'scripted', steps }, locations: w.locations });
    for (const step of scriptedStages(root)) drafts.push(scriptedStageDraft(step, file));
  }
  return drafts;
}

/**
 * What policies see of a Jenkins unit: per pipeline file, a `pipeline` resource (agent, options,
 * environment, parameters, triggers, tools, post, top-level stage names) and one `stage:<path>` resource
 * per stage (`stage:Deploy/Production` for a nested or parallel one), ids as findings use them. A stage's
 * `agent` is the one it runs on (its own, or inherited; `locate` then points at the enclosing agent with
 * the stage as trail). Shared-library steps and loaded scripts run inside their callers and are not
 * resources. A unit is one pipeline (its id the pipeline's path) with the library steps and scripts it
 * reaches, so ids are plain (`pipeline`, `stage:Build`); another pipeline file the unit reaches (one the
 * entry `load`s) has its ids prefixed with its path (`ci/common.groovy#stage:Build`), as has every pipeline
 * of a hand-built unit holding several.
 */
export function jenkinsPolicyUnit(unit: DeploymentUnit, files: readonly ParsedFile<JenkinsFile>[]): PolicyUnit {
  const inUnit = new Set(unit.files);
  const own = files.filter((f) => inUnit.size === 0 || inUnit.has(f.source.path));
  const pipelines = own.filter((f) => f.root?.role === 'pipeline');
  const entry = (pipelines.find((f) => f.source.path === unit.id) ?? (pipelines.length === 1 ? pipelines[0] : undefined))?.source.path;
  const drafts = pipelines.flatMap((f) => fileDrafts(f).map((d) => (f.source.path === entry ? d : { ...d, id: `${f.source.path}#${d.id}` })));
  const paths = own.map((f) => f.source.path);
  return {
    language: 'jenkins',
    unit: entry ?? policyUnitName(unit.id, paths),
    resources: policyResources(drafts),
    files: entry === undefined ? paths : [entry, ...paths.filter((p) => p !== entry)],
  };
}
