import type { DeploymentUnit, ParsedFile } from '@nospof/core';
import { isLibraryStepPath, libraryStepName } from '../discovery/paths.js';
import { allSteps, flattenSteps } from '../model/navigate.js';
import type { JenkinsFile, Step } from '../model/types.js';
import { buildJenkinsIndex } from './jenkins-index.js';

/**
 * The names a file may call a shared-library step by, as the call flow resolves them: a plain step that
 * is no helper or stored closure of the file (`deployApp(...)`), and the receiver of a member call that is
 * no loaded script (`notify.slack(...)`). Sorted, so it doubles as part of the unit key.
 */
function libraryCallNames(file: JenkinsFile): string[] {
  const local = new Set<string>(file.functions.map((f) => f.name));
  for (const name of file.closures.keys()) local.add(name);
  const loadVariables = new Set(file.loads.map((l) => l.variable).filter((v): v is string => v !== undefined));
  const names = new Set<string>();
  const add = (step: Step): void => {
    if (step.qualifiedName === step.name) {
      if (!local.has(step.name) && step.name !== 'load') names.add(step.name);
      return;
    }
    if (!step.member) return;
    const receiver = step.qualifiedName.slice(0, step.qualifiedName.lastIndexOf('.'));
    if (!receiver.includes('.') && !loadVariables.has(receiver)) names.add(receiver);
  };
  for (const step of allSteps(file)) add(step);
  for (const closures of file.closures.values()) for (const c of closures) for (const step of flattenSteps(c.steps)) add(step);
  return [...names].sort();
}

/** Everything `jenkinsUnits` reads of one file. */
export function jenkinsUnitKey(file: ParsedFile<JenkinsFile>): string {
  const root = file.root;
  if (!root) return '';
  return JSON.stringify([root.role, libraryCallNames(root), root.loads.map((l) => l.path ?? null)]);
}

/**
 * Jenkins deployment units: one per entry file, a file no other file of the run reaches (a pipeline a job
 * runs; a library step or script nothing of the run calls), holding every file it reaches: the
 * shared-library steps (`vars/*.groovy`) its calls resolve to (its own repository's library first, as the
 * index resolves them) and the scripts it `load`s, transitively. Unit id: the entry's path. A library or
 * script reached by several pipelines is in each of their units; files that only reach one another in a
 * cycle each start a unit, in run order, until all are claimed.
 */
export function jenkinsUnits(files: readonly ParsedFile<JenkinsFile>[]): DeploymentUnit[] {
  const index = buildJenkinsIndex(files);
  /** Step name -> every library file defining it, for calls the index cannot settle between them. */
  const definers = new Map<string, string[]>();
  for (const f of files) {
    if (f.root?.role !== 'library' || !isLibraryStepPath(f.source.path)) continue;
    const name = libraryStepName(f.source.path);
    definers.set(name, [...(definers.get(name) ?? []), f.source.path]);
  }
  const order = new Map(files.map((f, i) => [f.source.path, i]));
  const reaches = new Map<string, string[]>();
  const reached = new Set<string>();
  for (const f of files) {
    const root = f.root;
    const from = f.source.path;
    if (!root) continue;
    const targets = new Set<string>();
    for (const load of root.loads) {
      const target = index.loaded(from, load);
      if (target) targets.add(target.path);
    }
    for (const name of libraryCallNames(root)) {
      const target = index.libraryStep(name, from);
      if (target) targets.add(target.path);
      // which of several libraries runs is not known: the unit holds them all, so its index cannot
      // settle the call either (a unit holding only one would resolve what the run cannot)
      else for (const path of definers.get(name) ?? []) targets.add(path);
    }
    targets.delete(from);
    reaches.set(from, [...targets]);
    for (const t of targets) reached.add(t);
  }

  const claimed = new Set<string>();
  const units: DeploymentUnit[] = [];
  const unitOf = (entry: string): DeploymentUnit => {
    const members = new Set([entry]);
    const queue = [entry];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      for (const target of reaches.get(next) ?? []) {
        if (members.has(target)) continue;
        members.add(target);
        queue.push(target);
      }
    }
    for (const m of members) claimed.add(m);
    const rest = [...members].filter((m) => m !== entry).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    return { id: entry, files: [entry, ...rest] };
  };
  for (const f of files) if (!reached.has(f.source.path)) units.push(unitOf(f.source.path));
  for (const f of files) if (!claimed.has(f.source.path)) units.push(unitOf(f.source.path));
  return units;
}
