import type { PlannedUnit, RunPlan } from '@nospof/core';
import { NospofUsageError } from './errors.js';

/** One of `count` CI jobs a run is split into; `index` counts from 1, as `--shard 1/4` does. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** `i/n` as the command line gives it. */
export function parseShard(text: string): Shard {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new NospofUsageError(`--shard takes i/n with 1 <= i <= n (e.g. 2/4), not "${text}"`);
  return { index, count };
}

/** What one shard does: the units it judges and the files it reports. */
export interface ShardWork {
  judge(unit: PlannedUnit): boolean;
  /** The files this shard answers for: their parse errors, suppressions and every finding in them. */
  home(path: string): boolean;
}

/**
 * Splits a run by deployment unit. Units that share a file (a kustomize base under two overlays, a module
 * called by two roots) go to the same shard, so a file's findings, their merged trails and its unused
 * suppressions are all worked out in one place; the groups are dealt largest first to the least loaded
 * shard (by bytes), ties by name, so every shard computes the same split without talking to the others.
 * `extra` are files the run reports without a language to judge them (unreadable files).
 */
export function shardWork(plan: RunPlan, sizeOf: (path: string) => number, shard: Shard, extra: readonly string[] = []): ShardWork {
  const parent = new Map<string, string>();
  const find = (path: string): string => {
    let root = path;
    for (let next = parent.get(root); next !== undefined && next !== root; next = parent.get(root)) root = next;
    // Path compression keeps the forest flat on runs with tens of thousands of files.
    for (let at = path; at !== root; ) {
      const next = parent.get(at) as string;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    // The smaller path names the group, so the name does not depend on the order units come in.
    if (ra < rb) parent.set(rb, ra);
    else parent.set(ra, rb);
  };
  for (const file of plan.files) parent.set(file.path, file.path);
  for (const path of extra) if (!parent.has(path)) parent.set(path, path);
  for (const unit of plan.units) {
    const [first, ...rest] = unit.files;
    if (first === undefined) continue;
    for (const path of rest) union(first, path);
  }
  const groups = new Map<string, number>();
  for (const path of parent.keys()) {
    const root = find(path);
    groups.set(root, (groups.get(root) ?? 0) + sizeOf(path));
  }
  const ordered = [...groups].sort(([a, sa], [b, sb]) => sb - sa || (a < b ? -1 : a > b ? 1 : 0));
  const load = new Array<number>(shard.count).fill(0);
  const mine = new Set<string>();
  for (const [root, size] of ordered) {
    let best = 0;
    for (let i = 1; i < load.length; i++) if ((load[i] as number) < (load[best] as number)) best = i;
    load[best] = (load[best] as number) + Math.max(size, 1);
    if (best === shard.index - 1) mine.add(root);
  }
  const home = (path: string) => parent.has(path) && mine.has(find(path));
  return {
    judge: (unit) => unit.files.length > 0 && home(unit.files[0] as string),
    home,
  };
}
