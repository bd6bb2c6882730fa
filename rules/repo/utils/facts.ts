import { plainRange, type ParsedFile, type ProjectContext, type Range, type Settings } from '@nospof/core';
import { calledWorkflowPath, GITHUB_ACTIONS, indexedPath, type GithubActionsIndex, type GithubActionsRoot, type Workflow } from '@nospof/github-actions';
import { allSteps, type JenkinsFile, type JenkinsIndex } from '@nospof/jenkins';
import { githubActionsFacts } from '../../github-actions/utils/facts.js';
import { jenkinsFacts } from '../../jenkins/utils/facts.js';
import { matchCatalog } from '../../jenkins/utils/tools.js';
import { securityScanners, type ToolCatalog, type ToolSignature } from '../../shared/catalog/index.js';
import type { RepositoryFact } from '../../shared/repository-fact.js';

export type { RepositoryFact };

const factsByProject = new WeakMap<ProjectContext, Map<ToolCatalog, readonly RepositoryFact[]>>();

/** Strings of an `extra` entry's list, read defensively (the configuration is validated, rules never crash). */
function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : undefined;
}

/** `settings.securityScanners.extra`: in-house scanners, as catalog entries (no free-form patterns: config is data). */
export function extraScanners(settings: Settings): ToolSignature[] {
  const section = settings.securityScanners;
  const extra = section !== null && typeof section === 'object' ? (section as { extra?: unknown }).extra : undefined;
  if (!Array.isArray(extra)) return [];
  const tools: ToolSignature[] = [];
  for (const entry of extra) {
    if (entry === null || typeof entry !== 'object') continue;
    const e = entry as Record<string, unknown>;
    if (typeof e.name !== 'string' || e.name.length === 0) continue;
    const lists = { actions: strings(e.actions), commands: strings(e.commands), images: strings(e.images), jenkinsSteps: strings(e.jenkinsSteps) };
    tools.push({
      name: e.name,
      title: typeof e.title === 'string' ? e.title : e.name,
      ...Object.fromEntries(Object.entries(lists).filter(([, v]) => v !== undefined && v.length > 0)),
    });
  }
  return tools;
}

const catalogs = new WeakMap<Settings, ToolCatalog>();

/** The scanner catalog in force: the shared one plus the repository's own tools, one object per settings. */
export function scannerCatalog(settings: Settings): ToolCatalog {
  let catalog = catalogs.get(settings);
  if (!catalog) {
    const extra = extraScanners(settings);
    catalog = extra.length === 0 ? securityScanners : [...securityScanners, ...extra];
    catalogs.set(settings, catalog);
  }
  return catalog;
}

/** Jenkins steps that run one of the repository's own scanners (the built-in ones come from the Jenkins facts). */
function jenkinsExtraFacts(file: ParsedFile<JenkinsFile>, extra: ToolCatalog): RepositoryFact[] {
  const root = file.root;
  if (!root || extra.length === 0) return [];
  return allSteps(root).flatMap((step) =>
    matchCatalog(step, extra).map((tool): RepositoryFact => ({ kind: 'security-scanner', name: tool.name, file: file.source.path, range: step.range })),
  );
}

/**
 * The scanners and alert channels every pipeline file of the run uses, worked out once per run and
 * catalog. Each file's facts are drawn through `project.factsOf`, so after an edit an incremental run
 * recomputes them for the edited file only; the keys name the fact readers and the repository's own
 * scanners (change a reader, change its key). Only whether an alert runs on failure can depend on other
 * files (a reusable workflow or local action called only on failure): when some alert does not run on
 * failure by itself, the workflows' facts are worked out again with the run's index.
 */
export function repositoryFacts(project: ProjectContext, scanners: ToolCatalog = securityScanners): readonly RepositoryFact[] {
  let byCatalog = factsByProject.get(project);
  if (!byCatalog) {
    byCatalog = new Map();
    factsByProject.set(project, byCatalog);
  }
  let facts = byCatalog.get(scanners);
  if (!facts) {
    const extra = scanners.filter((tool) => !securityScanners.includes(tool));
    const extraKey = extra.length === 0 ? '' : `/${JSON.stringify(extra)}`;
    const perFile = project.factsOf('github-actions', `repo/facts/github-actions/v2${extraKey}`, (f) =>
      githubActionsFacts(f as ParsedFile<GithubActionsRoot>, scanners),
    );
    let workflows: readonly RepositoryFact[];
    if (perFile.some((list) => list.some(notOnFailure))) {
      // Only a file with an alert that does not run on failure by itself can read differently with the
      // index (a reusable workflow or local action called only on failure): only those are worked out again.
      const index = project.index<GithubActionsIndex>(GITHUB_ACTIONS);
      const parsedByPath = new Map(project.parsed('github-actions').map((f) => [f.source.path, f] as const));
      workflows = perFile.flatMap((list) => {
        const first = list.find(notOnFailure);
        const file = first && parsedByPath.get(first.file);
        return file ? githubActionsFacts(file as ParsedFile<GithubActionsRoot>, scanners, index) : list;
      });
    } else workflows = perFile.flat();
    facts = [
      ...workflows,
      ...project
        .factsOf('jenkins', `repo/facts/jenkins/v2${extraKey}`, (f) => [...jenkinsFacts(f as ParsedFile<JenkinsFile>), ...jenkinsExtraFacts(f as ParsedFile<JenkinsFile>, extra)])
        .flat(),
    ];
    byCatalog.set(scanners, facts);
  }
  return facts;
}

/** An alert whose step or job does not run on failure by itself. */
function notOnFailure(fact: RepositoryFact): boolean {
  return fact.kind === 'notification-channel' && fact.onFailure !== true;
}

/** Facts of one kind in a stable order (file, then position), so findings land on the same place each run. */
export function factsOf(facts: readonly RepositoryFact[], kind: string, filter: (f: RepositoryFact) => boolean = () => true): RepositoryFact[] {
  return facts
    .filter((f) => f.kind === kind && filter(f))
    .sort((a, b) => (a.file === b.file ? a.range.start.offset - b.range.start.offset : a.file < b.file ? -1 : 1));
}

export function distinctNames(facts: readonly RepositoryFact[]): string[] {
  return [...new Set(facts.map((f) => f.name))].sort();
}

/** Pipeline definitions every pipeline language reads: GitHub workflows and Jenkinsfiles. */
export function isPipelineFile(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(p) || /^Jenkinsfile(?:\..+)?$/.test(base) || /\.(?:jenkinsfile|Jenkinsfile)$/.test(base);
}

/** A pipeline whose work is done by code nospof cannot read here, and why. */
export interface OpaquePipeline {
  readonly file: string;
  readonly range: Range;
  readonly reason: string;
}

/**
 * What one workflow or action file tells about the run's pipelines as a whole, kept per file so an edit
 * recomputes only the edited file's outline: the path the index keys it by, whether it is a workflow, its
 * jobs that call a reusable workflow (and which file of the run that would be), and how much it looks like
 * the main CI workflow.
 */
interface WorkflowOutline {
  readonly path: string;
  readonly workflow: boolean;
  readonly calls: readonly { readonly file: string; readonly range: Range; readonly reason: string; readonly target: string | null }[];
  readonly main: { readonly file: string; readonly score: number; readonly range: Range } | null;
}

/** What one Jenkins file tells about the run's pipelines: whether it only calls a shared library, where its stages are. */
interface JenkinsOutline {
  readonly path: string;
  /** A pipeline a job runs (not a shared-library step, not a script other files load). */
  readonly pipeline: boolean;
  readonly library: Range | null;
  /** Calls into a global library loaded without `@Library` (the file allocates no agent itself). */
  readonly implicit: readonly { readonly name: string; readonly range: Range }[];
  readonly stages: Range;
}

function workflowOutline(file: ParsedFile<GithubActionsRoot>): WorkflowOutline | null {
  const root = file.root;
  if (!root) return null;
  if (root.type !== 'Workflow') return { path: indexedPath(file.source.path), workflow: false, calls: [], main: null };
  const calls = root.jobs.flatMap((job) =>
    job.uses ? [{ file: root.file, range: plainRange(job.uses.value.range), reason: `job "${job.id}" calls ${job.uses.value.text}, which is not part of this run`, target: calledWorkflowPath(job) ?? null }] : [],
  );
  const main = isPipelineFile(root.file) ? { file: root.file, score: mainScore(root), range: plainRange(root.jobsKey ?? root.on?.key ?? root.range) } : null;
  return { path: indexedPath(file.source.path), workflow: true, calls, main };
}

/** Built-in steps a file may call at top level without running its work there. */
const AGENT_FREE_STEPS: ReadonlySet<string> = new Set(['properties', 'echo', 'stage', 'parallel', 'timeout', 'retry', 'lock', 'milestone', 'input', 'build', 'error', 'library', 'load', 'withEnv', 'withCredentials', 'timestamps', 'ansiColor', 'catchError', 'sleep']);

/** Steps that allocate an agent: a scripted pipeline runs its work inside one of them. */
const AGENT_STEPS: ReadonlySet<string> = new Set(['node', 'podTemplate', 'dockerNode']);

/**
 * The first top-level call of a scripted pipeline that allocates no agent of its own and calls a step
 * it does not define (`buildPlugin(...)` on ci.jenkins.io): its work runs in a global shared library
 * the controller loads implicitly, with no `@Library` line to see.
 */
function implicitLibraryCalls(root: JenkinsFile): { readonly name: string; readonly range: Range }[] {
  if (root.pipeline || root.role !== 'pipeline') return [];
  const steps = allSteps(root);
  if (steps.some((s) => AGENT_STEPS.has(s.qualifiedName))) return [];
  const own = new Set(root.functions.map((f) => f.name));
  // at any depth: `parallel('terraform': { terraform(...) })` hands its work over as well
  const calls = steps.filter((s) => s.qualifiedName === s.name && !s.argument && !own.has(s.name) && !root.closures.has(s.name) && !AGENT_FREE_STEPS.has(s.name));
  const seen = new Set<string>();
  return calls.filter((s) => !seen.has(s.name) && seen.add(s.name)).map((s) => ({ name: s.name, range: s.nameRange }));
}

function jenkinsOutline(file: ParsedFile<JenkinsFile>): JenkinsOutline | null {
  const root = file.root;
  if (!root) return null;
  const pipeline = root.pipeline;
  const library = !pipeline && root.libraries.length > 0 ? (root.libraries[0]?.range ?? null) : null;
  const implicit = library === null ? implicitLibraryCalls(root) : [];
  // a scripted pipeline's first `stage` or `node`, not whatever statement comes first (`properties(...)`)
  const firstStage = pipeline ? undefined : allSteps(root).find((s) => s.qualifiedName === 'stage' || AGENT_STEPS.has(s.qualifiedName));
  const stages = pipeline?.stages?.call.nameRange ?? pipeline?.nameRange ?? firstStage?.nameRange ?? root.steps[0]?.range ?? root.range;
  return { path: file.source.path, pipeline: root.role === 'pipeline' || root.pipeline !== undefined, library, implicit, stages };
}

function workflowOutlines(project: ProjectContext): WorkflowOutline[] {
  return project.factsOf('github-actions', 'repo/outline/github-actions/v1', (f) => workflowOutline(f as ParsedFile<GithubActionsRoot>)).filter((o): o is WorkflowOutline => o !== null);
}

function jenkinsOutlines(project: ProjectContext): JenkinsOutline[] {
  return project.factsOf('jenkins', 'repo/outline/jenkins/v6', (f) => jenkinsOutline(f as ParsedFile<JenkinsFile>)).filter((o): o is JenkinsOutline => o !== null);
}

/**
 * Pipelines that hand their work to code outside the run: a job calling a reusable workflow of another
 * repository (or one missing from the run), a Jenkinsfile that only calls a shared library. What they run
 * is unknown, so a count of tools across the repository is unknown too. Worked out from each file's
 * outline (`project.factsOf`), exactly as the workflows' index resolves a call: by the path it names.
 */
export function opaquePipelines(project: ProjectContext): OpaquePipeline[] {
  const opaque: OpaquePipeline[] = [];
  const workflows = workflowOutlines(project);
  // As the index: the file at each path (a later file of the same path wins), and whether it is a workflow.
  const isWorkflow = new Map<string, boolean>();
  for (const outline of workflows) isWorkflow.set(outline.path, outline.workflow);
  for (const outline of workflows) {
    for (const call of outline.calls) {
      if (call.target !== null && isWorkflow.get(call.target) === true) continue;
      opaque.push({ file: call.file, range: call.range, reason: call.reason });
    }
  }
  // The whole Jenkins index (every Jenkinsfile parsed) only when some file calls a step it does not define:
  // a repository rule otherwise judges again from the cached outlines alone.
  let jenkins: JenkinsIndex | undefined | null = null;
  const libraryStep = (name: string, path: string) => {
    if (jenkins === null) jenkins = project.index<JenkinsIndex>('jenkins');
    return jenkins?.libraryStep(name, path);
  };
  for (const outline of jenkinsOutlines(project)) {
    if (outline.library) opaque.push({ file: outline.path, range: outline.library, reason: 'the pipeline is a call into a shared library' });
    // a step of a library in the scanned tree (`vars/x.groovy`) is followed; one outside it is not
    else {
      const outside = outline.implicit.find((call) => !libraryStep(call.name, outline.path));
      if (outside) opaque.push({ file: outline.path, range: outside.range, reason: `the pipeline allocates no agent and calls \`${outside.name}\`, a step of a shared library outside this run` });
    }
  }
  return opaque;
}

const MAIN_NAMES = new Set(['ci', 'main', 'build', 'test', 'tests', 'check', 'checks', 'pr', 'pull-request', 'pull_request', 'push', 'validate', 'verify']);

function mainScore(workflow: Workflow): number {
  const base = workflow.file.slice(workflow.file.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '').toLowerCase();
  const name = workflow.name?.text.toLowerCase() ?? '';
  const events = new Set(workflow.triggers.map((t) => t.event));
  let score = 0;
  if (MAIN_NAMES.has(base) || MAIN_NAMES.has(name)) score += 4;
  if (events.has('pull_request') || events.has('pull_request_target')) score += 2;
  if (events.has('push')) score += 1;
  return score;
}

/**
 * Where a repository-wide finding about its pipelines lands when no single step is to blame: the `jobs:`
 * key of its main CI workflow (named ci/build/test, run on pull requests), else the stages of its first
 * Jenkinsfile. Never line 1 of whatever file sorts first.
 */
export function mainPipeline(project: ProjectContext): { readonly file: string; readonly range: Range } | undefined {
  let main: WorkflowOutline['main'] = null;
  for (const outline of workflowOutlines(project)) {
    const candidate = outline.main;
    if (!candidate) continue;
    if (!main || candidate.score > main.score || (candidate.score === main.score && candidate.file < main.file)) main = candidate;
  }
  if (main) return { file: main.file, range: main.range };
  let first: JenkinsOutline | undefined;
  // a shared-library step (`vars/x.groovy`) or a loaded script is not a pipeline of the repository
  for (const outline of jenkinsOutlines(project)) if (outline.pipeline && (!first || outline.path < first.path)) first = outline;
  return first ? { file: first.path, range: first.stages } : undefined;
}
