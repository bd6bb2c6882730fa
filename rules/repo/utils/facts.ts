import type { ParsedFile, ProjectContext, Range, Settings } from '@nospof/core';
import { GITHUB_ACTIONS, type GithubActionsIndex, type GithubActionsRoot, type Workflow } from '@nospof/github-actions';
import { allSteps, type JenkinsFile } from '@nospof/jenkins';
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

/** The scanners and alert channels every pipeline file of the run uses, worked out once per run and catalog. */
export function repositoryFacts(project: ProjectContext, scanners: ToolCatalog = securityScanners): readonly RepositoryFact[] {
  let byCatalog = factsByProject.get(project);
  if (!byCatalog) {
    byCatalog = new Map();
    factsByProject.set(project, byCatalog);
  }
  let facts = byCatalog.get(scanners);
  if (!facts) {
    const extra = scanners.filter((tool) => !securityScanners.includes(tool));
    const index = project.index<GithubActionsIndex>(GITHUB_ACTIONS);
    facts = [
      ...project.parsed('github-actions').flatMap((f) => githubActionsFacts(f as ParsedFile<GithubActionsRoot>, scanners, index)),
      ...project.parsed('jenkins').flatMap((f) => [...jenkinsFacts(f as ParsedFile<JenkinsFile>), ...jenkinsExtraFacts(f as ParsedFile<JenkinsFile>, extra)]),
    ];
    byCatalog.set(scanners, facts);
  }
  return facts;
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
 * Pipelines that hand their work to code outside the run: a job calling a reusable workflow of another
 * repository (or one missing from the run), a Jenkinsfile that only calls a shared library. What they run
 * is unknown, so a count of tools across the repository is unknown too.
 */
export function opaquePipelines(project: ProjectContext): OpaquePipeline[] {
  const opaque: OpaquePipeline[] = [];
  const index = project.index<GithubActionsIndex>(GITHUB_ACTIONS);
  for (const file of project.parsed('github-actions')) {
    const root = (file as ParsedFile<GithubActionsRoot>).root;
    if (root?.type !== 'Workflow') continue;
    for (const job of root.jobs) {
      if (!job.uses || index?.calledWorkflow(job)) continue;
      opaque.push({ file: root.file, range: job.uses.value.range, reason: `job "${job.id}" calls ${job.uses.value.text}, which is not part of this run` });
    }
  }
  for (const file of project.parsed('jenkins')) {
    const root = (file as ParsedFile<JenkinsFile>).root;
    if (!root || root.pipeline || root.libraries.length === 0) continue;
    const library = root.libraries[0];
    if (library) opaque.push({ file: file.source.path, range: library.range, reason: 'the pipeline is a call into a shared library' });
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
  let main: Workflow | undefined;
  let best = -1;
  for (const file of project.parsed('github-actions')) {
    const root = (file as ParsedFile<GithubActionsRoot>).root;
    if (root?.type !== 'Workflow' || !isPipelineFile(root.file)) continue;
    const score = mainScore(root);
    if (score > best || (score === best && main !== undefined && root.file < main.file)) {
      main = root;
      best = score;
    }
  }
  if (main) return { file: main.file, range: main.jobsKey ?? main.on?.key ?? main.range };
  const jenkinsfiles = project.parsed('jenkins')
    .filter((f) => (f as ParsedFile<JenkinsFile>).root !== undefined)
    .sort((a, b) => (a.source.path < b.source.path ? -1 : 1));
  const first = jenkinsfiles[0] as ParsedFile<JenkinsFile> | undefined;
  const root = first?.root;
  if (!first || !root) return undefined;
  const pipeline = root.pipeline;
  const range = pipeline?.stages?.call.nameRange ?? pipeline?.nameRange ?? root.steps[0]?.range ?? root.range;
  return { file: first.source.path, range };
}
