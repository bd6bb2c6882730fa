import type { ProjectContext, Range, RelatedDescriptor, Unknown } from '@nospof/core';
import { callSites, flattenRuns, flowFor, nodesOfType } from '@nospof/jenkins';
import type { Flow, JenkinsFile, JenkinsIndex, PostCondition, Run, Steps } from '@nospof/jenkins';

/** A file with its flow: the runs of its steps across helpers, loaded scripts and library steps. */
export interface FileFlow {
  readonly path: string;
  readonly file: JenkinsFile;
  readonly flow: Flow;
  readonly index: JenkinsIndex | undefined;
}

/**
 * False (and the gap recorded for `--explain-unknown`) when the calls the file makes went deeper or wider
 * than the flow follows: what lies beyond is unknown, so a rule must not report something as missing.
 */
export function followedCompletely(context: { skipped(value: Unknown, what: string): void }, ff: FileFlow): boolean {
  if (!ff.flow.truncated) return true;
  context.skipped({ known: false, reason: 'the calls this pipeline makes nest deeper or run more steps than nospof follows', range: ff.file.range }, 'calls followed');
  return false;
}

export function fileFlow(context: { readonly file: string; readonly project: ProjectContext }, file: JenkinsFile): FileFlow {
  const index = context.project.index<JenkinsIndex>('jenkins');
  return { path: context.file, file, flow: flowFor(index, context.file, file), index };
}

/**
 * Whether the file is a pipeline judged on its own: not a shared-library step nor a script other files
 * `load` (those run inside their callers and are judged there), except a library step that declares a
 * whole `pipeline { }`.
 */
export function judgedOnItsOwn(ff: FileFlow): boolean {
  if (ff.index?.isLoaded(ff.path)) return false;
  if (ff.file.role === 'pipeline') return true;
  return ff.file.role === 'library' && ff.file.pipeline !== undefined;
}

/** Runs of the file's `steps { }` sections (declarative) or of its top-level code (scripted). */
export function workRuns(ff: FileFlow): Run[] {
  if (!ff.file.pipeline) return ff.flow.runsOf(ff.file.steps);
  return nodesOfType<Steps>(ff.file, 'Steps').flatMap((s) => ff.flow.runsOf(s.steps));
}

/** Runs of every `post` condition of the pipeline. */
export function postRuns(ff: FileFlow): Run[] {
  return nodesOfType<PostCondition>(ff.file, 'PostCondition').flatMap((c) => ff.flow.runsOf(c.steps));
}

const everyRun = new WeakMap<Flow, readonly Run[]>();

/** Every run the file executes: its work, its `post` conditions, and everything they call (built once per flow). */
export function allRuns(ff: FileFlow): readonly Run[] {
  let runs = everyRun.get(ff.flow);
  if (!runs) {
    runs = flattenRuns([...workRuns(ff), ...postRuns(ff)]);
    everyRun.set(ff.flow, runs);
  }
  return runs;
}

/** The outermost runs of `name` (not inside another run of it): each scripted `node` block, say. */
export function outermost(runs: readonly Run[], name: string): Run[] {
  return runs.filter((r) => r.step.qualifiedName === name && !hasAncestorNamed(r, name));
}

function hasAncestorNamed(run: Run, name: string): boolean {
  for (let r = run.parent; r; r = r.parent) if (r.step.qualifiedName === name) return true;
  return false;
}

/**
 * Where a finding on a run lands: in the file the step is written in (a helper's file, a library step),
 * with the calls that led there as its trail, and suppressible at each of those calls.
 */
export function located(
  ff: FileFlow,
  run: Run,
  range: Range,
): { node: { range: Range }; file?: string; related: RelatedDescriptor[]; suppressibleAt: { file: string; node: { range: Range } }[] } {
  const sites = callSites(run);
  const related: RelatedDescriptor[] = sites.map((site) => ({ node: { range: site.step.nameRange }, file: site.file, message: `reached through this call of \`${site.step.qualifiedName}\`` }));
  const suppressibleAt = sites.map((site) => ({ file: site.file, node: { range: site.step.nameRange } }));
  return { node: { range }, ...(run.file === ff.path ? {} : { file: run.file }), related, suppressibleAt };
}
