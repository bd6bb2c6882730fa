import { PROJECT_VISITOR, type AnyRule, type DeploymentUnit, type ParsedFile, type ProjectContext, type ReportDescriptor, type RuleContext } from '@nospof/core';

/** What rules read beyond the file they judge: the facts a finding, or a whole file's findings, depend on. */
export interface Reads {
  /** Languages whose every file was read: another language's index, `parsed(...)` of any language. */
  readonly languages: ReadonlySet<string>;
  /** Deployment units whose index was read, by language: the files of each. */
  readonly units: ReadonlyMap<string, ReadonlySet<string>>;
  /** The list of the run's files was read: adding or removing any file may change the result. */
  readonly fileList: boolean;
}

export const NO_READS: Reads = { languages: new Set(), units: new Map(), fileList: false };

class MutableReads implements Reads {
  readonly languages = new Set<string>();
  readonly units = new Map<string, Set<string>>();
  fileList = false;

  unit(language: string, unit: DeploymentUnit | undefined): void {
    if (!unit) return;
    let files = this.units.get(language);
    if (!files) {
      files = new Set();
      this.units.set(language, files);
    }
    for (const file of unit.files) files.add(file);
  }

  merge(other: Reads): void {
    for (const language of other.languages) this.languages.add(language);
    for (const [language, files] of other.units) {
      let own = this.units.get(language);
      if (!own) {
        own = new Set();
        this.units.set(language, own);
      }
      for (const file of files) own.add(file);
    }
    this.fileList ||= other.fileList;
  }
}

export function isEmptyReads(reads: Reads): boolean {
  return reads.languages.size === 0 && reads.units.size === 0 && !reads.fileList;
}

/** Every language a `Reads` needs complete before what it decided can be trusted. */
export function languagesOfReads(reads: Reads): Set<string> {
  return new Set([...reads.languages, ...reads.units.keys()]);
}

/** The reads of one lint run, by the file a finding lands in and the rule that reported it. */
export class RunReads {
  /** Reads of each rule while it judged a file (one entry per `create`: per file and unit). */
  private readonly judged = new Map<string, Map<string, MutableReads[]>>();
  /** Reads of a rule that reported into a file while judging another one (or the repository). */
  private readonly reported = new Map<string, Map<string, MutableReads[]>>();
  /** Repository rules (a `Project` visitor): they judge the whole run and may report into any file they read. */
  private readonly repository: { rule: string; reads: MutableReads }[] = [];

  /** @internal */ addJudged(file: string, rule: string, reads: MutableReads): void {
    push(this.judged, file, rule, reads);
  }

  /** @internal */ addReport(file: string, rule: string, reads: MutableReads): void {
    push(this.reported, file, rule, reads);
  }

  /** @internal */ addRepository(rule: string, reads: MutableReads): void {
    this.repository.push({ rule, reads });
  }

  /** What a finding of `rule` in `file` depends on. */
  forFinding(file: string, rule: string): Reads {
    const reads = new MutableReads();
    for (const r of this.judged.get(file)?.get(rule) ?? []) reads.merge(r);
    for (const r of this.reported.get(file)?.get(rule) ?? []) reads.merge(r);
    return reads;
  }

  /**
   * What every finding `file` has or could get depends on: the reads of each rule that judged it, of each
   * rule that reported into it, and of each repository rule that read a language of the file (such a
   * rule may report into any file it reads, e.g. the first pipeline of a repository).
   */
  forFile(file: string, fileLanguages: ReadonlySet<string>): Reads {
    const reads = new MutableReads();
    for (const list of this.judged.get(file)?.values() ?? []) for (const r of list) reads.merge(r);
    for (const list of this.reported.get(file)?.values() ?? []) for (const r of list) reads.merge(r);
    for (const { reads: r } of this.repository) {
      if (r.fileList || [...r.languages].some((l) => fileLanguages.has(l))) reads.merge(r);
    }
    return reads;
  }
}

function push(map: Map<string, Map<string, MutableReads[]>>, file: string, rule: string, reads: MutableReads): void {
  let byRule = map.get(file);
  if (!byRule) {
    byRule = new Map();
    map.set(file, byRule);
  }
  const list = byRule.get(rule);
  if (list) {
    if (!list.includes(reads)) list.push(reads);
  } else byRule.set(rule, [reads]);
}

/**
 * Records what rules read of the project while the engine runs them, without the engine knowing: each
 * rule is wrapped so its context's `project` notes every index, parsed-file list and unit it hands out.
 * An editor uses this to publish a finding only once the files it was decided from are indexed, and to
 * re-lint an open file only when a file it depends on changes.
 */
export class DependencyTracker {
  private current: RunReads | undefined;

  /** The rules, each wrapped to record its reads into the run in progress (outside a run they run as they are). */
  wrap(rules: readonly AnyRule[]): AnyRule[] {
    return rules.map((rule) => this.wrapRule(rule));
  }

  /** Runs `fn` (one engine run) and returns its result with what the rules read. Runs do not nest. */
  record<T>(fn: () => T): { readonly result: T; readonly reads: RunReads } {
    const previous = this.current;
    const reads = new RunReads();
    this.current = reads;
    try {
      return { result: fn(), reads };
    } finally {
      this.current = previous;
    }
  }

  private wrapRule(rule: AnyRule): AnyRule {
    const currentRun = () => this.current;
    return {
      meta: rule.meta,
      create(context: RuleContext<string>, options: unknown) {
        const run = currentRun();
        if (!run) return rule.create(context, options);
        const id = rule.meta.id;
        const reads = new MutableReads();
        // Only repository rules are created without a unit: they see the whole run.
        const repositoryPass = context.project.unit === undefined;
        // Named one by one: a context's methods may live on its prototype, which a spread would drop.
        const tracked: RuleContext<string> = {
          id: context.id,
          file: context.file,
          source: context.source,
          settings: context.settings,
          project: trackedProject(context.project, rule.meta.language, reads),
          skipped: (value, what) => context.skipped(value, what),
          report(descriptor: ReportDescriptor<string>) {
            const file = descriptor.file ?? context.file;
            if (repositoryPass || file !== context.file) run.addReport(file, id, reads);
            context.report(descriptor);
          },
        };
        const visitors = rule.create(tracked, options) as Record<string, unknown>;
        const judgeRepository = visitors?.[PROJECT_VISITOR];
        if (!repositoryPass) run.addJudged(context.file, id, reads);
        else if (typeof judgeRepository === 'function') {
          run.addRepository(id, reads);
          // The engine hands repository rules the project again: that one is watched too.
          return { ...visitors, [PROJECT_VISITOR]: (project: ProjectContext) => judgeRepository(trackedProject(project, rule.meta.language, reads)) };
        }
        return visitors;
      },
    };
  }
}

/** The project as a rule sees it, noting what the rule reads. */
function trackedProject(project: ProjectContext, ownLanguage: string, reads: MutableReads): ProjectContext {
  return {
    index<T>(languageId: string): T | undefined {
      // Within a unit, a rule's own language answers with the unit's index; anything else is a whole language.
      if (languageId === ownLanguage && project.unit) reads.unit(languageId, project.unit);
      else reads.languages.add(languageId);
      return project.index<T>(languageId);
    },
    parsed(languageId: string) {
      reads.languages.add(languageId);
      return project.parsed(languageId);
    },
    factsOf<T>(languageId: string, key: string, compute: (file: ParsedFile) => T) {
      reads.languages.add(languageId);
      return project.factsOf(languageId, key, compute);
    },
    get unit() {
      reads.unit(ownLanguage, project.unit);
      return project.unit;
    },
    get files() {
      reads.fileList = true;
      return project.files;
    },
    exists(path: string) {
      // A file appearing or going away changes the workspace's file list: the rule is judged again then.
      reads.fileList = true;
      return project.exists(path);
    },
  };
}
