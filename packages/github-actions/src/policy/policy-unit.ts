import { known, type DeploymentUnit, type ParsedFile, type PolicyUnit, type PolicyValue, type Range, type RelatedLocation, type SourceFile, PolicyLocations, policyResources, policyUnitName, type PolicyResourceDraft } from '@nospof/core';
import { absoluteRoot, parseYaml, type YamlMap, type YamlNode } from '@nospof/yaml';
import { callInputs } from '../calls.js';
import { evaluateText, type Scope } from '../expression/evaluate.js';
import type { Action, GithubActionsRoot, Job, Workflow } from '../model.js';
import { buildIndex, type GithubActionsIndex } from '../project-index.js';
import { enclosingRoot, repositoryRoot, repositoryRoots } from '../paths.js';
import { jobScopesOrOpaque } from '../scopes.js';
import { YamlValues, type InputOrigin } from './yaml-values.js';

/** Scopes a job is judged in (callers times matrix legs): enough for any real workflow. */
const MAX_SCOPES = 256;
const MAX_CALLERS = 32;

/** What a job takes from its workflow when it does not set it. */
const INHERITED = ['permissions', 'defaults'] as const;

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function entry(map: YamlNode | null | undefined, key: string): YamlMap['items'][number] | undefined {
  return map?.kind === 'map' ? map.items.find((p) => String(p.key.value) === key) : undefined;
}

function yamlRoot(source: SourceFile): YamlNode | null {
  const { documents } = parseYaml(source);
  const first = documents[0];
  return first && documents.length === 1 ? absoluteRoot(first) : null;
}

interface Context {
  readonly scopes: readonly Scope[];
  readonly origins: ReadonlyMap<string, InputOrigin>;
}

/** The inputs a workflow runs with: per caller in the unit, from a run it starts itself, or from defaults. */
function inputContexts(workflow: Workflow, index: GithubActionsIndex, types: ReadonlyMap<string, string>): { inputs: Scope['inputs']; origins: Map<string, InputOrigin> }[] {
  const declared = workflow.triggers.find((t) => t.event === 'workflow_call')?.inputs ?? [];
  const defaults = new Map<string, InputOrigin>();
  for (const input of declared) if (input.default) defaults.set(input.name, { file: workflow.file, range: input.default.range, what: `the default of input "${input.name}"` });
  const contexts: { inputs: Scope['inputs']; origins: Map<string, InputOrigin> }[] = [];
  for (const caller of index.callersOf(workflow).slice(0, MAX_CALLERS)) {
    const origins = new Map(defaults);
    for (const arg of caller.job.with) origins.set(arg.name, { file: caller.job.file, range: arg.value.range, what: `job "${caller.job.id}" in ${basename(caller.job.file)}` });
    for (const scope of jobScopesOrOpaque(caller.job)) contexts.push({ inputs: typed(callInputs(caller.job, workflow, scope), types), origins });
  }
  const startsItself = workflow.triggers.some((t) => t.event !== 'workflow_call');
  // A run the workflow starts itself has no caller inputs; one only ever called by unknown callers has its defaults.
  if (startsItself) contexts.push({ inputs: undefined, origins: new Map() });
  else if (contexts.length === 0) {
    const inputs: Record<string, ReturnType<typeof evaluateText>> = {};
    for (const input of declared) if (input.default) inputs[input.name] = evaluateText(input.default, {});
    contexts.push({ inputs: typed(inputs, types), origins: defaults });
  }
  return contexts;
}

type Inputs = NonNullable<Scope['inputs']>;

/** Inputs as GitHub passes them: a `type: number` or `type: boolean` input is converted from its text. */
function typed(inputs: Inputs, types: ReadonlyMap<string, string>): Inputs {
  const out: Record<string, Inputs[string]> = {};
  for (const [name, value] of Object.entries(inputs)) {
    const type = types.get(name);
    if (!value.known || typeof value.value !== 'string' || (type !== 'number' && type !== 'boolean')) {
      out[name] = value;
      continue;
    }
    const text = value.value.trim();
    if (type === 'number' && text !== '' && Number.isFinite(Number(text))) out[name] = known(Number(text));
    else if (type === 'boolean' && (text === 'true' || text === 'false')) out[name] = known(text === 'true');
    else out[name] = value;
  }
  return out;
}

/** `on.workflow_call.inputs.<name>.type`, as written. */
function inputTypes(root: YamlNode): Map<string, string> {
  const types = new Map<string, string>();
  const inputs = entry(entry(entry(root, 'on')?.value, 'workflow_call')?.value, 'inputs')?.value;
  if (inputs?.kind !== 'map') return types;
  for (const pair of inputs.items) {
    const type = entry(pair.value, 'type')?.value;
    if (type?.kind === 'scalar' && typeof type.value === 'string') types.set(String(pair.key.value), type.value);
  }
  return types;
}

function jobContext(job: Job, contexts: ReturnType<typeof inputContexts>): Context {
  const scopes: Scope[] = [];
  for (const c of contexts) {
    for (const scope of jobScopesOrOpaque(job, c.inputs)) if (scopes.length < MAX_SCOPES) scopes.push(scope);
  }
  // Origins are exact only when every context agrees on where an input comes from: one caller (with any
  // number of matrix legs), or the defaults.
  const origins = new Set(contexts.map((c) => c.origins));
  const [only] = origins;
  return { scopes, origins: origins.size === 1 && only ? only : new Map() };
}

interface Naming {
  /** The id prefix of a file: its base name (as findings name jobs), or its path when two files share it. */
  prefix(file: string): string;
}

function workflowDrafts(parsed: ParsedFile<GithubActionsRoot>, workflow: Workflow, index: GithubActionsIndex, naming: Naming): PolicyResourceDraft[] {
  const file = parsed.source.path;
  const root = yamlRoot(parsed.source);
  if (root?.kind !== 'map') return [];
  const lines = parsed.source.lines;
  const prefix = naming.prefix(file);
  const workflowValues = new YamlValues(file, lines, new PolicyLocations(), [{}]);
  const attributes: Record<string, PolicyValue> = workflowValues.entries(root, [], new Set(['jobs']));
  const jobsEntry = entry(root, 'jobs');
  if (jobsEntry) {
    attributes.jobs = workflow.jobs.map((j) => j.id);
    workflowValues.locations.set(['jobs'], file, lines.range(jobsEntry.key.start, jobsEntry.key.end));
    workflow.jobs.forEach((j, i) => workflowValues.locations.set(['jobs', i], file, j.key));
  }
  const first = root.items[0]?.key;
  const wholeRange: Range = first ? lines.range(first.start, first.end) : lines.range(0, 0);
  const drafts: PolicyResourceDraft[] = [
    { id: prefix, type: 'workflow', name: workflow.name && !workflow.name.dynamic ? workflow.name.text : basename(file), file, range: wholeRange, attributes, locations: workflowValues.locations },
  ];
  const contexts = inputContexts(workflow, index, inputTypes(root));
  const jobsMap = jobsEntry?.value;
  for (const job of workflow.jobs) {
    const node = entry(jobsMap, job.id)?.value;
    if (node?.kind !== 'map') continue;
    const context = jobContext(job, contexts);
    const values = new YamlValues(file, lines, new PolicyLocations(), context.scopes, context.origins);
    const own = values.entries(node, []);
    inherit(own, root, values, job, file, lines);
    drafts.push({ id: `${prefix}#jobs.${job.id}`, type: 'job', name: job.id, file, range: job.key, attributes: own, locations: values.locations });
  }
  return drafts;
}

/** `permissions`, `defaults` and `env` set on the workflow apply to a job that does not set them (`permissions` only to a caller job). */
function inherit(own: Record<string, PolicyValue>, root: YamlNode, values: YamlValues, job: Job, file: string, lines: SourceFile['lines']): void {
  const trail: RelatedLocation[] = [{ file, range: job.key, message: `job "${job.id}" takes it from the workflow` }];
  const fromWorkflow = (node: YamlNode | null, path: readonly (string | number)[], keyRange: Range): PolicyValue => {
    const scratch = new YamlValues(file, lines, new PolicyLocations(), [{}]);
    const value = scratch.value(node, path);
    if (!scratch.locations.locate(path)) scratch.locations.set(path, file, keyRange);
    values.locations.adopt(scratch.locations, trail);
    return value;
  };
  // A job calling a reusable workflow passes on its permissions, but the called workflow's steps see none
  // of the caller's `env` or `defaults`.
  for (const key of job.uses ? (['permissions'] as const) : INHERITED) {
    const found = entry(root, key);
    if (own[key] !== undefined || !found) continue;
    own[key] = fromWorkflow(found.value, [key], lines.range(found.key.start, found.key.end));
  }
  const env = job.uses ? undefined : entry(root, 'env');
  const mine = own.env;
  if (env?.value?.kind !== 'map' || (mine !== undefined && !isPlainObject(mine))) return;
  const merged: Record<string, PolicyValue> = isPlainObject(mine) ? { ...mine } : {};
  for (const pair of env.value.items) {
    const name = String(pair.key.value);
    if (!(name in merged)) merged[name] = fromWorkflow(pair.value, ['env', name], lines.range(pair.key.start, pair.key.end));
  }
  if (mine === undefined) values.locations.set(['env'], file, lines.range(env.key.start, env.key.end), trail);
  own.env = merged;
}

function isPlainObject(value: PolicyValue | undefined): value is Record<string, PolicyValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('$unknown' in value);
}

function actionDraft(parsed: ParsedFile<GithubActionsRoot>, action: Action, roots: ReadonlySet<string>): PolicyResourceDraft[] {
  const file = parsed.source.path;
  const root = yamlRoot(parsed.source);
  if (root?.kind !== 'map') return [];
  const lines = parsed.source.lines;
  const values = new YamlValues(file, lines, new PolicyLocations(), [{}]);
  const attributes = values.entries(root, []);
  // as a `uses:` of its repository names it: `./.github/actions/setup`, `./tools/lint`, `./` at the top
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  const repo = enclosingRoot(file, roots) ?? '';
  const id = `./${(dir.startsWith(repo) ? dir.slice(repo.length) : dir).replace(/\/$/, '')}`;
  const first = root.items[0]?.key;
  return [{ id, type: 'action', name: action.name && !action.name.dynamic ? action.name.text : id, file, range: first ? lines.range(first.start, first.end) : lines.range(0, 0), attributes, locations: values.locations }];
}

/**
 * What policies see of one workflow repository (the unit: the folder holding `.github/`): per workflow file a `workflow` resource (id: the file's base name,
 * `ci.yml`) and one `job` resource per job (id `ci.yml#jobs.build`, as findings name jobs), and one
 * `action` resource per local action (id `./.github/actions/setup`, `./` for the repository's root action,
 * as `uses:` names it). Attributes are
 * the YAML as written with `${{ }}` expressions evaluated in every matrix leg and for every caller of a
 * reusable workflow (a value they all agree on is kept; otherwise an Unknown says why); `if:` and `run:`
 * are kept as written. Workflows of one repository never share a base name; should a hand-built unit mix
 * repositories, ids of workflows that do use the whole path.
 */
export function githubActionsPolicyUnit(unit: DeploymentUnit, files: readonly ParsedFile<GithubActionsRoot>[], index: GithubActionsIndex | undefined): PolicyUnit {
  const inUnit = new Set(unit.files);
  const own = files.filter((f) => inUnit.size === 0 || inUnit.has(f.source.path));
  const idx = index ?? buildIndex(own);
  const roots = repositoryRoots(own.map((f) => f.source.path));
  const workflows = own.filter((f) => f.root?.type === 'Workflow');
  const counts = new Map<string, number>();
  for (const f of workflows) counts.set(basename(f.source.path), (counts.get(basename(f.source.path)) ?? 0) + 1);
  const naming: Naming = { prefix: (file) => ((counts.get(basename(file)) ?? 0) > 1 ? file : basename(file)) };
  const drafts: PolicyResourceDraft[] = [];
  for (const f of own) {
    const root = f.root;
    if (root?.type === 'Workflow') drafts.push(...workflowDrafts(f, root, idx, naming));
    else if (root?.type === 'Action') drafts.push(...actionDraft(f, root, roots));
  }
  const paths = own.map((f) => f.source.path);
  return { language: 'github-actions', unit: unit.id !== '' ? unit.id : repositoryName(paths), resources: policyResources(drafts), files: paths.length > 0 ? paths : [...unit.files] };
}

/** The repository the workflows belong to (the folder holding `.github/`, `.` at the top), when they share one. */
function repositoryName(paths: readonly string[]): string {
  const roots = new Set(paths.map((p) => repositoryRoot(p)));
  const [only] = roots;
  if (roots.size === 1 && only !== undefined) return only === '' ? '.' : only.replace(/\/$/, '');
  return policyUnitName('', paths);
}
