import type * as G from '../groovy/ast.js';
import { buildAgent } from './agent.js';
import { directiveCalls, findDirective } from './calls.js';
import { setParent, stageResource } from './parent.js';
import type { Mutable } from './parent.js';
import { collectSteps } from './steps.js';
import { booleanValue, firstArgument, stringValue } from './values.js';
import type {
  Axis,
  Environment,
  EnvironmentEntry,
  InputDirective,
  Matrix,
  ModelNode,
  Parallel,
  Pipeline,
  Post,
  PostCondition,
  Section,
  Stage,
  Stages,
  Steps,
  When,
} from './types.js';

export function buildPipeline(call: G.MethodCall, parent: ModelNode): Pipeline {
  const p: Mutable<Pipeline> = {
    type: 'Pipeline',
    nameRange: call.nameRange,
    call,
    agent: undefined,
    options: undefined,
    environment: undefined,
    parameters: undefined,
    triggers: undefined,
    tools: undefined,
    libraries: undefined,
    stages: undefined,
    post: undefined,
    range: call.range,
  };
  setParent(p, parent);
  p.resource = 'pipeline';
  for (const c of directiveCalls(call.closure?.body)) {
    switch (c.name) {
      case 'agent':
        p.agent = buildAgent(c, p);
        break;
      case 'options':
        p.options = buildSection('Options', c, p);
        break;
      case 'environment':
        p.environment = buildEnvironment(c, p);
        break;
      case 'parameters':
        p.parameters = buildSection('Parameters', c, p);
        break;
      case 'triggers':
        p.triggers = buildSection('Triggers', c, p);
        break;
      case 'tools':
        p.tools = buildSection('Tools', c, p);
        break;
      case 'libraries':
        p.libraries = buildSection('Libraries', c, p);
        break;
      case 'stages':
        p.stages = buildStages(c, p);
        break;
      case 'post':
        p.post = buildPost(c, p);
        break;
      default:
        break;
    }
  }
  return p;
}

function buildSection<T extends string>(type: T, call: G.MethodCall, parent: ModelNode): Section<T> {
  const section: Mutable<Section<T>> = { type, entries: [], call, range: call.range };
  setParent(section, parent);
  section.entries = collectSteps(call.closure?.body ?? [], section);
  return section;
}

function buildEnvironment(call: G.MethodCall, parent: ModelNode): Environment {
  const env: Mutable<Environment> = { type: 'Environment', entries: [], call, range: call.range };
  setParent(env, parent);
  const entries: EnvironmentEntry[] = [];
  for (const s of call.closure?.body ?? []) {
    if (s.type !== 'ExpressionStatement' || s.expression.type !== 'AssignmentExpression') continue;
    const target = s.expression.target;
    if (target.type !== 'Identifier') continue;
    const entry: EnvironmentEntry = { type: 'EnvironmentEntry', name: target.name, value: stringValue(s.expression.value), range: s.range };
    entries.push(setParent(entry, env));
  }
  env.entries = entries;
  return env;
}

function buildStages(call: G.MethodCall, parent: ModelNode): Stages {
  const stages: Mutable<Stages> = { type: 'Stages', stages: [], call, range: call.range };
  setParent(stages, parent);
  stages.stages = stageCalls(call).map((c) => buildStage(c, stages));
  return stages;
}

function stageCalls(call: G.MethodCall): G.MethodCall[] {
  return directiveCalls(call.closure?.body).filter((c) => c.name === 'stage');
}

function buildStage(call: G.MethodCall, parent: ModelNode): Stage {
  const stage: Mutable<Stage> = {
    type: 'Stage',
    name: stringValue(firstArgument(call, 'name')),
    nameRange: call.nameRange,
    call,
    agent: undefined,
    options: undefined,
    environment: undefined,
    tools: undefined,
    input: undefined,
    when: undefined,
    steps: undefined,
    stages: undefined,
    parallel: undefined,
    matrix: undefined,
    post: undefined,
    failFast: false,
    range: call.range,
  };
  setParent(stage, parent);
  stage.resource = stageResource(stage.name.known ? stage.name.value : undefined, parent);
  for (const c of directiveCalls(call.closure?.body)) {
    switch (c.name) {
      case 'agent':
        stage.agent = buildAgent(c, stage);
        break;
      case 'options':
        stage.options = buildSection('Options', c, stage);
        break;
      case 'environment':
        stage.environment = buildEnvironment(c, stage);
        break;
      case 'tools':
        stage.tools = buildSection('Tools', c, stage);
        break;
      case 'input':
        stage.input = buildInput(c, stage);
        break;
      case 'when':
        stage.when = buildWhen(c, stage);
        break;
      case 'steps':
        stage.steps = buildSteps(c, stage);
        break;
      case 'stages':
        stage.stages = buildStages(c, stage);
        break;
      case 'parallel':
        stage.parallel = buildParallel(c, stage);
        break;
      case 'matrix':
        stage.matrix = buildMatrix(c, stage);
        break;
      case 'post':
        stage.post = buildPost(c, stage);
        break;
      case 'failFast':
        stage.failFast = booleanValue(c.args[0]) ?? false;
        break;
      default:
        break;
    }
  }
  return stage;
}

function buildSteps(call: G.MethodCall, parent: ModelNode): Steps {
  const steps: Mutable<Steps> = { type: 'Steps', steps: [], call, range: call.range };
  setParent(steps, parent);
  steps.steps = collectSteps(call.closure?.body ?? [], steps);
  return steps;
}

function buildParallel(call: G.MethodCall, parent: ModelNode): Parallel {
  const parallel: Mutable<Parallel> = { type: 'Parallel', stages: [], call, range: call.range };
  setParent(parallel, parent);
  parallel.stages = stageCalls(call).map((c) => buildStage(c, parallel));
  return parallel;
}

function buildMatrix(call: G.MethodCall, parent: ModelNode): Matrix {
  const matrix: Mutable<Matrix> = {
    type: 'Matrix',
    hasExcludes: findDirective(call.closure?.body, 'excludes') !== undefined,
    axes: [],
    agent: undefined,
    options: undefined,
    environment: undefined,
    when: undefined,
    input: undefined,
    stages: undefined,
    post: undefined,
    call,
    range: call.range,
  };
  setParent(matrix, parent);
  for (const c of directiveCalls(call.closure?.body)) {
    if (c.name === 'axes') matrix.axes = directiveCalls(c.closure?.body).filter((a) => a.name === 'axis').map((a) => buildAxis(a, matrix));
    else if (c.name === 'agent') matrix.agent = buildAgent(c, matrix);
    else if (c.name === 'options') matrix.options = buildSection('Options', c, matrix);
    else if (c.name === 'environment') matrix.environment = buildEnvironment(c, matrix);
    else if (c.name === 'when') matrix.when = buildWhen(c, matrix);
    else if (c.name === 'input') matrix.input = buildInput(c, matrix);
    else if (c.name === 'stages') matrix.stages = buildStages(c, matrix);
    else if (c.name === 'post') matrix.post = buildPost(c, matrix);
  }
  return matrix;
}

function buildAxis(call: G.MethodCall, parent: ModelNode): Axis {
  const body = call.closure?.body;
  const values = findDirective(body, 'values');
  const axis: Axis = {
    type: 'Axis',
    name: stringValue(findDirective(body, 'name')?.args[0]),
    values: (values?.args ?? []).map((v) => stringValue(v)),
    range: call.range,
  };
  return setParent(axis, parent);
}

function buildWhen(call: G.MethodCall, parent: ModelNode): When {
  const when: Mutable<When> = { type: 'When', conditions: [], beforeAgent: false, beforeInput: false, call, range: call.range };
  setParent(when, parent);
  when.conditions = collectSteps(call.closure?.body ?? [], when);
  for (const c of when.conditions) {
    if (c.name === 'beforeAgent') when.beforeAgent = booleanValue(c.args[0]) ?? false;
    if (c.name === 'beforeInput') when.beforeInput = booleanValue(c.args[0]) ?? false;
  }
  return when;
}

function buildInput(call: G.MethodCall, parent: ModelNode): InputDirective {
  const message = findDirective(call.closure?.body, 'message')?.args[0] ?? firstArgument(call, 'message');
  const input: InputDirective = {
    type: 'InputDirective',
    message: message ? stringValue(message) : undefined,
    call,
    range: call.range,
  };
  return setParent(input, parent);
}

function buildPost(call: G.MethodCall, parent: ModelNode): Post {
  const post: Mutable<Post> = { type: 'Post', conditions: [], call, range: call.range };
  setParent(post, parent);
  post.conditions = directiveCalls(call.closure?.body).map((c) => {
    const condition: Mutable<PostCondition> = { type: 'PostCondition', condition: c.name, nameRange: c.nameRange, steps: [], range: c.range };
    setParent(condition, post);
    condition.steps = collectSteps(c.closure?.body ?? [], condition);
    return condition;
  });
  return post;
}
