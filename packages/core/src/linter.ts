import type { Finding, RelatedLocation, Severity, TextEdit } from './finding.js';
import { compareFindings } from './finding.js';
import { applyEdits } from './fix.js';
import type { DeploymentUnit, Language, ParsedFile } from './language.js';
import { isJudgeOutcome, type JudgeOutcome, type LintMemo } from './memo.js';
import { interpolate } from './messages.js';
import type { Node } from './node.js';
import type { PolicyUnit } from './policy-input.js';
import { plainRange, type Range } from './position.js';
import { projectContext } from './project-context.js';
import type { AnyRule, ProjectContext } from './rule.js';
import { PROJECT_VISITOR } from './rule.js';
import { LintSession, readerApplies } from './session.js';
import { mapList } from './lists.js';
import { SourceFile, type SourceText } from './source.js';
import type { ResolvedConfig, RuleConfig } from './config/types.js';
import { traverse } from './traverse.js';
import { directiveCovers, inScope, mergeDuplicateDirectives, type Directive } from './suppressions.js';
import { engineRules, internalErrorRule, parseErrorRule, suppressionReasonRule, unusedSuppressionRule } from './engine-rules.js';
import { createRuleContext, optional, ruleContext, type PendingFinding, type SharedContext, type SkippedValue } from './rule-context.js';
import type { LanguageUnits } from './units.js';

export type { SkippedValue } from './rule-context.js';

export interface FileResult {
  readonly file: string;
  /** The language that read the file; absent when no language claimed it. */
  readonly language?: string;
  readonly findings: readonly Finding[];
  /** Why a language that claimed the file by its name did not read it (`ParseResult.notApplicableReason`). */
  readonly passedOver?: string;
  /** Every language that read the file read it for its unit's sake only (`ParseResult.contextOnly`): nothing in it was judged. */
  readonly contextOnly?: true;
}

export interface LintRun {
  readonly results: readonly FileResult[];
  readonly skipped: readonly SkippedValue[];
}

export interface LintInput {
  /** The files to report on. */
  readonly files: readonly SourceText[];
  /** Rules and settings for a file. */
  configFor(path: string): ResolvedConfig;
  /** A language forced by configuration (`languages:` globs) for a path. */
  languageOf?(path: string): string | undefined;
  /**
   * Files read for cross-file facts (a PDB next to the Deployment being linted). A finding located in
   * one is reported only when its trail (a related location) passes through a file being linted.
   */
  readonly contextFiles?: readonly SourceText[];
  /** Called as files are read and units judged, for hosts that show progress on long runs. */
  onProgress?(progress: LintProgress): void;
  /**
   * Results of earlier runs to reuse (an incremental cache, see `LintMemo`): an unchanged file is not
   * parsed again, and a file whose unit and configuration are unchanged is not judged again.
   */
  readonly memo?: LintMemo;
  /**
   * Given every unit of the run, which to judge (a CI shard takes its share). Every file still gives its
   * parse errors and suppressions, and repository rules still run; hosts keep the results of the files
   * whose units they judged.
   */
  select?(plan: RunPlan): (unit: PlannedUnit) => boolean;
  /**
   * Keep every parse in this engine for the next run (default true: an editor re-lints the same files).
   * A one-off run (the command line) says false, and a file's parse is let go as soon as the languages
   * reading it are done, so memory holds one language's trees at a time.
   */
  readonly retainParses?: boolean;
  /**
   * User policies, run by the host on what a language's `policyUnit` makes of each judged deployment unit
   * that holds a file being linted. Only when given (policies cost a model of every unit). Its findings go
   * through the pipeline of rule findings: the file's configuration (severity, off), suppressions,
   * context-file filtering, duplicates; its skipped values join `skipped`. Never memoised: the host's
   * policies are not part of the memo's key.
   */
  unitPolicies?(unit: PolicyUnit): UnitPolicyResults;
  /**
   * Whether a path (relative as the files are) names a file or directory on disk: rules ask it about
   * files a unit refers to that are not in the run (`ProjectContext.exists`). Without it, they cannot tell.
   */
  fileExists?(path: string): boolean;
}

/** What user policies found on one unit. */
export interface UnitPolicyResults {
  readonly findings: readonly Finding[];
  readonly skipped: readonly SkippedValue[];
}

/** The units of each language, looked up as the run gets to them. */
interface Groups {
  get(languageId: string): LanguageUnits | undefined;
}

/** How far a run is: files read (parsed, or known from the memo) and deployment units judged. */
export interface LintProgress {
  readonly files: { readonly done: number; readonly total: number };
  readonly units: { readonly done: number; readonly total: number };
}

/** A deployment unit of a run, as hosts see it (to split a run into shards, to show progress). */
export interface PlannedUnit {
  readonly language: string;
  readonly id: string;
  /** Its files (paths as the host named them). */
  readonly files: readonly string[];
}

/** What a run is made of, worked out without running any rule. */
export interface RunPlan {
  readonly units: readonly PlannedUnit[];
  /** Every file of the run with the languages that judge it (empty: only its parse errors count). */
  readonly files: readonly { readonly path: string; readonly target: boolean; readonly languages: readonly string[] }[];
}

export interface FixRun extends LintRun {
  /** New text of every file a fix changed. */
  readonly outputs: ReadonlyMap<string, string>;
}

const ENGINE_RULE_IDS = new Set(engineRules.map((r) => r.meta.id));

/** What one file parsed to: one entry per language that read it (usually one). */
interface ParseEntry {
  readonly text: string;
  readonly forced: string | undefined;
  readonly parsed: readonly ParsedFile[];
}

/** Where findings of one judgement go, and how the rules reach other files of the run. */
interface JudgeSink {
  readonly project: ProjectContext;
  readonly sourceOf: (path: string) => SourceFile | undefined;
  /** A rule's severity in another file of the run (undefined where it is off there). */
  readonly severityElsewhere: (path: string, ruleId: string) => Severity | undefined;
  readonly add: (pending: PendingFinding) => void;
  readonly skipped: SkippedValue[];
}

/**
 * The engine: parses each file once, groups files into deployment units, builds each unit's cross-file
 * index, runs every enabled rule in one traversal per file and unit, applies suppressions. It never
 * reads files itself; hosts hand it text. With a memo, unchanged files are not parsed and unchanged
 * (file, unit) pairs are not judged again: their stored findings are replayed in the same order.
 */
export class Linter {
  private readonly rules: Map<string, AnyRule>;
  private readonly parseCache = new Map<string, ParseEntry>();

  constructor(
    readonly languages: readonly Language[],
    rules: readonly AnyRule[],
  ) {
    this.rules = new Map([...engineRules, ...rules].map((r) => [r.meta.id, r]));
  }

  get ruleList(): AnyRule[] {
    return [...this.rules.values()];
  }

  /**
   * Adds rules known only at run time (a configuration's plugins, the rules of its policies). A rule runs
   * only where a configuration enables it; an id already known keeps its first rule.
   */
  register(rules: readonly AnyRule[], options: { readonly prefixes?: readonly string[] } = {}): void {
    for (const rule of rules) if (!this.rules.has(rule.meta.id)) this.rules.set(rule.meta.id, rule);
    for (const prefix of options.prefixes ?? []) this.knownPrefixes.add(`${prefix}/`);
  }

  /**
   * Rule id prefixes whose rules exist though this run does not know them: a plugin left unloaded
   * (`--no-plugins`) still owns its ids, and a suppression naming one is not an unknown rule. `opa/` ids
   * are chosen by Rego results at evaluation time: no registry can know them all.
   */
  private readonly knownPrefixes = new Set<string>(['opa/']);

  /** The language that owns a file: the forced one, else the first exclusive language that matches. */
  languageFor(path: string, head: string | (() => string), forced?: string): Language | undefined {
    if (forced) return this.languages.find((l) => l.id === forced);
    const matches = matcher(path, head);
    return this.languages.find((l) => !l.readsAlongside && matches(l)) ?? this.languages.find((l) => l.readsAlongside && matches(l));
  }

  /**
   * Every language that reads a file: its owner plus languages that read files alongside others. `head`
   * may be a function, called only when a language needs the file's first bytes to decide.
   */
  languagesFor(path: string, head: string | (() => string), forced?: string): Language[] {
    const matches = matcher(path, head);
    const owner = forced ? this.languages.find((l) => l.id === forced) : this.languages.find((l) => !l.readsAlongside && matches(l));
    const alongside = this.languages.filter((l) => l.readsAlongside && l !== owner && matches(l));
    return owner ? [owner, ...alongside] : alongside;
  }

  /** Parses (or reuses the previous parse of identical text) with the file's owning language, never throwing. */
  parse(source: SourceText, forced?: string): ParsedFile | undefined {
    return this.parseAll(source, forced)[0];
  }

  /** Parses a file with every language that reads it, reusing the previous parse of identical text. */
  parseAll(source: SourceText, forced?: string): readonly ParsedFile[] {
    const cached = this.parseCache.get(source.path);
    if (cached && cached.text === source.text && cached.forced === forced) return cached.parsed;
    const file = new SourceFile(source.path, source.text);
    const parsed = mapList(this.languagesFor(source.path, source.text.slice(0, 4096), forced), (language) => parseWith(language, file));
    this.parseCache.set(source.path, { text: source.text, forced, parsed });
    return parsed;
  }

  /** The parse this engine holds for exactly this text, if any (no parse happens). */
  cachedParse(source: SourceText, forced?: string): readonly ParsedFile[] | undefined {
    const cached = this.parseCache.get(source.path);
    return cached && cached.text === source.text && cached.forced === forced ? cached.parsed : undefined;
  }

  /** Parses a file with every language that reads it, without keeping the result. */
  parseFresh(source: SourceText, forced?: string): readonly ParsedFile[] {
    const file = new SourceFile(source.path, source.text);
    return mapList(this.languagesFor(source.path, source.text.slice(0, 512), forced), (language) => parseWith(language, file));
  }

  /** Drops cached parses of files no longer in the workspace. */
  forget(path: string): void {
    this.parseCache.delete(path);
  }

  /** The deployment units of a run and the languages of its files, without running any rule. */
  plan(input: LintInput): RunPlan {
    const session = new LintSession(this, input);
    return planOf(session, session.units(undefined, true));
  }

  lint(input: LintInput): LintRun {
    const session = new LintSession(this, input);
    const progress = progressOf(input, session.files.length);
    const skipped: SkippedValue[] = [];
    const pending = new PendingFindings();
    const groups = { get: (id: string) => session.group(id, progress.file) };

    // A shard learns every unit first (letting each language's trees go once its units are known), then
    // judges its own share.
    let judge: (unit: PlannedUnit) => boolean = () => true;
    if (input.select) judge = input.select(planOf(session, session.units(progress.file, true)));

    // One language at a time: its files are parsed (or known from the memo), grouped and judged, and its
    // trees let go, before the next language's are read.
    let known = 0;
    let done = 0;
    for (const language of this.languages) {
      // A language that reads no file the run reports on has nothing to judge (a pre-commit run naming
      // one manifest): its files are grouped only if another rule asks for its index.
      if (!session.readsATarget(language.id)) {
        session.languageDone(language.id);
        continue;
      }
      const group = session.group(language.id, progress.file);
      if (group) {
        known += group.units.length;
        session.startLanguage(group);
        for (const unit of group.units) {
          if (judge({ language: language.id, id: unit.id, files: unit.files })) {
            for (const path of unit.files) if (session.judges(path, language.id)) this.judgeFile(session, groups, group, unit, path, pending, skipped);
            if (input.unitPolicies && language.policyUnit) this.judgeUnitPolicies(session, group, unit, input.unitPolicies, pending, skipped);
          }
          session.unitDone(group, unit);
          progress.units(++done, known);
        }
      }
      session.languageDone(language.id);
    }
    this.judgeRepository(session, groups, pending, skipped);

    for (const file of session.files) {
      if (!file.target || session.readersOf(file).length === 0) continue;
      const config = input.configFor(file.path);
      if (config.disabled.has(parseErrorRule.meta.id)) continue;
      for (const reader of session.factsOf(file).readers) {
        if (reader.notApplicable) continue;
        for (const error of reader.errors) {
          pending.add({ finding: engineFinding(parseErrorRule, 'syntax', { message: error.message }, file.path, error.range, config), anchors: [] });
        }
      }
    }

    // Context files count for suppressions too: a `nospof-ignore` on a module call in a file that is only
    // context still silences the findings that call causes in the file being linted.
    const directives = new Map<string, Directive[]>();
    const directivesOf = (path: string): Directive[] => {
      let list = directives.get(path);
      if (!list) {
        const file = session.file(path);
        list = file ? mergeDuplicateDirectives(session.factsOf(file).readers.flatMap((r) => r.directives)) : [];
        directives.set(path, list);
      }
      return list;
    };
    const used = new Set<Directive>();
    const findingsByFile = new Map<string, Finding[]>();
    for (const p of pending.list()) {
      const { finding } = p;
      // A finding in a file that is only context is reported when its trail passes through a linted file:
      // the line to change may sit in a caller or an overlay while the file that changed is the one named.
      const reportedFor = session.isTarget(finding.file) ? [] : [...new Set((finding.related ?? []).map((r) => r.file).filter((f) => session.isTarget(f)))];
      if (!session.isTarget(finding.file) && reportedFor.length === 0) continue;
      const list = findingsByFile.get(finding.file) ?? [];
      const kept = this.suppress(p, directivesOf, used);
      list.push(reportedFor.length > 0 ? { ...kept, reportedFor } : kept);
      findingsByFile.set(finding.file, list);
    }
    const results: FileResult[] = [];
    for (const file of session.files) {
      if (!file.target) continue;
      const findings = findingsByFile.get(file.path) ?? [];
      findingsByFile.delete(file.path);
      const reader = session.factsOf(file).readers.find(readerApplies);
      const fileDirectives = directivesOf(file.path);
      if (reader && fileDirectives.length > 0) {
        findings.push(...this.directiveFindings(fileDirectives, used, input.configFor(file.path), file.path, () => session.sourceFile(file.path) as SourceFile));
      }
      const passedOver = reader ? undefined : session.factsOf(file).readers.find((r) => r.passedOver !== undefined)?.passedOver;
      const contextOnly = reader !== undefined && session.factsOf(file).readers.every((r) => !readerApplies(r) || r.contextOnly === true);
      results.push({
        file: file.path,
        ...optional('language', reader?.language),
        findings: findings.sort(compareFindings),
        ...optional('passedOver', passedOver),
        ...(contextOnly ? { contextOnly: true as const } : {}),
      });
    }
    for (const [path, findings] of findingsByFile) {
      const file = session.file(path);
      const language = file ? session.factsOf(file).readers.find(readerApplies)?.language : undefined;
      results.push({ file: path, ...optional('language', language), findings: findings.sort(compareFindings) });
    }
    return { results, skipped };
  }

  /** Lints, applies every non-overlapping fix, and repeats until nothing changes (at most `passes` times). */
  lintAndFix(input: LintInput, passes = 10): FixRun {
    let files = [...input.files];
    const outputs = new Map<string, string>();
    let run = this.lint(input);
    for (let pass = 0; pass < passes; pass++) {
      let changed = false;
      files = files.map((file) => {
        const result = run.results.find((r) => r.file === file.path);
        const groups = (result?.findings ?? []).filter((f) => f.fix && !f.suppressed).map((f) => f.fix as readonly TextEdit[]);
        if (groups.length === 0) return file;
        const { text } = applyEdits(file.text, groups);
        if (text === file.text) return file;
        changed = true;
        outputs.set(file.path, text);
        return { path: file.path, text };
      });
      if (!changed) break;
      run = this.lint({ ...input, files });
    }
    return { ...run, outputs };
  }

  /**
   * Runs the rules of one language on one file judged through one unit. With a memo, the outcome is
   * stored with what the rules read beyond the file (the unit's index, other languages, other files) and
   * replayed while all of that is unchanged.
   */
  private judgeFile(
    session: LintSession,
    groups: Groups,
    group: LanguageUnits,
    unit: DeploymentUnit,
    path: string,
    pending: PendingFindings,
    skipped: SkippedValue[],
  ): void {
    const config = session.configFor(path);
    const language = group.language.id;
    const key = session.memo
      ? `judge:${session.hash(['judge', language, session.unitIdentity(unit), session.contentKey(path), session.configDigest(path)].join('\u0001'))}`
      : undefined;
    this.judged(session, key, { language, unit }, pending, skipped, (sink) => {
      const parsed = session.parsedBy(path, language);
      this.runRules(parsed, config, sink);
    }, (record) => projectContext(groups, () => session.applicablePaths(), { unit, units: group, path }, record, session.fileFacts, session.exists), path);
  }

  /** Hands a unit that holds a linted file to the host's policies, while the language's trees are held. */
  private judgeUnitPolicies(
    session: LintSession,
    group: LanguageUnits,
    unit: DeploymentUnit,
    hook: (unit: PolicyUnit) => UnitPolicyResults,
    pending: PendingFindings,
    skipped: SkippedValue[],
  ): void {
    const target = unit.files.find((path) => session.isTarget(path));
    const language = group.language;
    if (target === undefined || !language.policyUnit) return;
    let results: UnitPolicyResults;
    try {
      const files = unit.files.map((path) => session.parsedBy(path, language.id));
      results = hook(language.policyUnit(unit, files, group.indexOf(unit), group.settings));
    } catch (error) {
      const range = session.sourceFile(target)?.lines.range(0, 0) ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
      pending.add({ finding: engineFinding(internalErrorRule, 'crashed', { rule: `${language.id} policies`, message: describeError(error) }, target, range, session.configFor(target)), anchors: [] });
      return;
    }
    skipped.push(...results.skipped);
    for (const finding of results.findings) {
      const config = session.configFor(finding.file);
      if (config.disabled.has(finding.ruleId)) continue;
      const severity = config.rules.get(finding.ruleId)?.severity;
      // A known rule this file's configuration does not run (a policy of another config file); an id no
      // registry knows (a Rego result's own `id`) keeps the severity the policy gave it.
      if (severity === undefined && this.rules.has(finding.ruleId)) continue;
      pending.add({ finding: severity === undefined ? finding : { ...finding, severity }, anchors: [] });
    }
  }

  /**
   * Rules with a `Project` visitor judge the whole run once (repository-wide facts such as the security
   * scanners every pipeline runs), with the configuration of the run's first file.
   */
  private judgeRepository(session: LintSession, groups: Groups, pending: PendingFindings, skipped: SkippedValue[]): void {
    const targets = new Set(session.applicableTargets());
    const firstPath = targets.values().next().value;
    if (firstPath === undefined) return;
    const config = session.configFor(firstPath);
    const key = session.memo ? `repo:${session.hash(['repo', session.contentKey(firstPath), session.configDigest(firstPath)].join('\u0001'))}` : undefined;
    this.judged(session, key, undefined, pending, skipped, (sink) => {
      const first = session.sourceFile(firstPath) as SourceFile;
      for (const [id, ruleConfig] of this.projectRules(config, first)) {
        const rule = this.rules.get(id) as AnyRule;
        const context = createRuleContext({
          rule,
          source: first,
          settings: config.settings,
          project: sink.project,
          severityIn: (path) => (targets.has(path) ? sink.severityElsewhere(path, id) : undefined),
          sourceOf: sink.sourceOf,
          resource: () => undefined,
          add: sink.add,
          skipped: sink.skipped,
        });
        try {
          const visitor = (rule.create(context, ruleConfig.options) as Record<string, unknown>)[PROJECT_VISITOR];
          if (typeof visitor === 'function') (visitor as (p: ProjectContext) => void)(sink.project);
        } catch (error) {
          sink.add({ finding: crashFinding(rule, error, first, config), anchors: [] });
        }
      }
    }, (record) => projectContext(groups, () => session.applicablePaths(), undefined, record, session.fileFacts, session.exists), undefined);
  }

  private readonly projectRulesByConfig = new WeakMap<ResolvedConfig, readonly [string, RuleConfig][]>();

  /**
   * The enabled rules with a `Project` visitor, found by creating each rule against a project that holds
   * nothing: a rule of one language that reads its index as it is created must not make every run build
   * that language's whole index (and depend on every file of it) only to learn it judges no repository.
   * A rule whose creation fails there is kept, so its failure is reported as before.
   */
  private projectRules(config: ResolvedConfig, first: SourceFile): readonly [string, RuleConfig][] {
    const known = this.projectRulesByConfig.get(config);
    if (known) return known;
    const nothing: ProjectContext = { index: () => undefined, parsed: () => [], factsOf: () => [], files: [], exists: () => undefined };
    const list: [string, RuleConfig][] = [];
    for (const [id, ruleConfig] of config.rules) {
      const rule = this.rules.get(id);
      if (!rule || ENGINE_RULE_IDS.has(id)) continue;
      const context = createRuleContext({
        rule,
        source: first,
        settings: config.settings,
        project: nothing,
        severityIn: () => undefined,
        sourceOf: () => undefined,
        resource: () => undefined,
        add: () => undefined,
        skipped: [],
      });
      try {
        if (typeof (rule.create(context, ruleConfig.options) as Record<string, unknown>)[PROJECT_VISITOR] !== 'function') continue;
      } catch {
        // Kept: its creation fails in the real pass too, and is reported there.
      }
      list.push([id, ruleConfig]);
    }
    this.projectRulesByConfig.set(config, list);
    return list;
  }

  /** Replays a stored outcome whose inputs are unchanged, or runs `work` and stores what it produced. */
  private judged(
    session: LintSession,
    key: string | undefined,
    unit: { readonly language: string; readonly unit: DeploymentUnit } | undefined,
    pending: PendingFindings,
    skipped: SkippedValue[],
    work: (sink: JudgeSink) => void,
    project: (record: ((dependency: string) => void) | undefined) => ProjectContext,
    own: string | undefined,
  ): void {
    const memo = session.memo;
    if (memo && key) {
      const stored = memo.get(key);
      if (isJudgeOutcome(stored) && stored.digest === session.dependencyDigest(stored.deps, unit)) {
        for (const p of stored.pending) pending.add(p);
        for (const s of stored.skipped) skipped.push(s);
        return;
      }
    }
    // Without a memo nothing is recorded or stored: findings go straight to the run's lists.
    const deps = memo ? new Set<string>() : undefined;
    const record = deps ? (dependency: string) => deps.add(dependency) : undefined;
    const elsewhere = (path: string) => {
      if (deps && path !== own) deps.add(`file:${path}`);
    };
    const ownPending: PendingFinding[] = [];
    const ownSkipped: SkippedValue[] = deps ? [] : skipped;
    work({
      project: project(record),
      sourceOf: (path) => {
        elsewhere(path);
        return session.sourceFile(path);
      },
      severityElsewhere: (path, ruleId) => {
        elsewhere(path);
        return session.configFor(path).rules.get(ruleId)?.severity;
      },
      add: deps ? (p) => ownPending.push(p) : (p) => pending.add(p),
      skipped: ownSkipped,
    });
    if (!deps) return;
    for (const p of ownPending) pending.add(p);
    for (const s of ownSkipped) skipped.push(s);
    if (memo && key) {
      const list = [...deps].sort();
      const digest = session.dependencyDigest(list, unit);
      if (digest !== undefined) memo.set(key, { deps: list, digest, pending: ownPending, skipped: ownSkipped } satisfies JudgeOutcome);
    }
  }

  private runRules(parsed: ParsedFile, config: ResolvedConfig, sink: JudgeSink): void {
    const language = this.languages.find((l) => l.id === parsed.language);
    if (!language || !parsed.root) return;
    // Per node type: rule, handler, rule, handler... (one list per type and file, no pair objects).
    const handlers = new Map<string, (AnyRule | ((node: Node) => void))[]>();
    let currentResource: string | undefined;
    // Made when a rule first fails (rarely, if ever).
    let failed: Set<string> | undefined;
    const add = sink.add;
    // Made for the first rule that is not idle: in most files of a large unit every rule is.
    let shared: SharedContext | undefined;
    for (const { rule, ruleConfig } of this.enabledRules(config, language.id)) {
      let visitors;
      try {
        // A rule idle on this file costs neither a context nor a call of `create`.
        if (rule.idleOn?.(parsed.source.path, sink.project)) continue;
        shared ??= {
          source: parsed.source,
          settings: config.settings,
          project: sink.project,
          severityElsewhere: (id, path) => sink.severityElsewhere(path, id),
          sourceOf: (path) => (path === parsed.source.path ? parsed.source : sink.sourceOf(path)),
          resource: () => currentResource,
          add,
          skipped: sink.skipped,
        };
        visitors = rule.create(ruleContext(rule, shared, ruleConfig.severity), ruleConfig.options);
      } catch (error) {
        add({ finding: crashFinding(rule, error, parsed.source, config), anchors: [] });
        continue;
      }
      for (const type in visitors) {
        const fn = (visitors as Record<string, unknown>)[type];
        if (!fn || type === PROJECT_VISITOR || !Object.hasOwn(visitors, type)) continue;
        const list = handlers.get(type);
        if (list) list.push(rule, fn as (node: Node) => void);
        else handlers.set(type, [rule, fn as (node: Node) => void]);
      }
    }
    if (handlers.size === 0) return;
    const call = (key: string, node: Node) => {
      const list = handlers.get(key);
      if (!list) return;
      for (let i = 0; i < list.length; i += 2) {
        const rule = list[i] as AnyRule;
        if (failed !== undefined && failed.has(rule.meta.id)) continue;
        const fn = list[i + 1] as (node: Node) => void;
        try {
          fn(node);
        } catch (error) {
          (failed ??= new Set()).add(rule.meta.id);
          add({ finding: crashFinding(rule, error, parsed.source, config), anchors: [] });
        }
      }
    };
    // Rules that only look at the file as a whole (its root node, on entry or exit) need no walk of its
    // nodes: the root's handlers run in the order a walk would call them.
    const root = parsed.root;
    const rootExit = exitKey(root.type);
    let rootOnly = true;
    for (const key of handlers.keys()) {
      if (key !== root.type && key !== rootExit) {
        rootOnly = false;
        break;
      }
    }
    if (rootOnly) {
      currentResource = root.resource;
      call(root.type, root);
      call(rootExit, root);
      return;
    }
    traverse(root, language.visitorKeys, {
      enter: (node, resource) => {
        currentResource = resource;
        call(node.type, node);
      },
      leave: (node, resource) => {
        currentResource = resource;
        call(exitKey(node.type), node);
      },
    });
  }

  private readonly enabledByConfig = new WeakMap<ResolvedConfig, Map<string, { rule: AnyRule; ruleConfig: RuleConfig }[]>>();

  /** The enabled rules of one language under one configuration, worked out once per configuration. */
  private enabledRules(config: ResolvedConfig, languageId: string): readonly { rule: AnyRule; ruleConfig: RuleConfig }[] {
    let byLanguage = this.enabledByConfig.get(config);
    if (!byLanguage) {
      byLanguage = new Map();
      this.enabledByConfig.set(config, byLanguage);
    }
    let list = byLanguage.get(languageId);
    if (!list) {
      list = [];
      for (const [id, ruleConfig] of config.rules) {
        const rule = this.rules.get(id);
        if (rule && rule.meta.language === languageId) list.push({ rule, ruleConfig });
      }
      byLanguage.set(languageId, list);
    }
    return list;
  }

  private suppress(
    pending: PendingFinding,
    directivesOf: (path: string) => Directive[],
    used: Set<Directive>,
  ): Finding {
    const { finding } = pending;
    const anchors = [{ file: finding.file, offset: finding.range.start.offset }, ...pending.anchors];
    for (const anchor of anchors) {
      for (const directive of directivesOf(anchor.file)) {
        if (!directiveCovers(directive, finding.ruleId) || !inScope(directive, anchor.offset)) continue;
        if (ENGINE_RULE_IDS.has(finding.ruleId) && finding.ruleId !== internalErrorRule.meta.id && directive.rules.length === 0) continue;
        used.add(directive);
        return { ...finding, suppressed: { reason: directive.reason, source: directive.source } };
      }
    }
    return finding;
  }

  private directiveFindings(directives: readonly Directive[], used: ReadonlySet<Directive>, config: ResolvedConfig, path: string, source: () => SourceFile): Finding[] {
    const findings: Finding[] = [];
    const unusedOn = !config.disabled.has(unusedSuppressionRule.meta.id);
    const reasonOn = config.rules.has(suppressionReasonRule.meta.id);
    for (const directive of directives) {
      const rules = directive.rules.length === 0 ? 'all rules' : directive.rules.join(', ');
      const unknownRules = directive.rules.filter((r) => !this.rules.has(r) && !this.knownPrefixes.has(`${r.slice(0, r.indexOf('/'))}/`));
      if (unusedOn && unknownRules.length > 0) {
        for (const rule of unknownRules) findings.push(engineFinding(unusedSuppressionRule, 'unknownRule', { rule }, path, directive.range, config));
      } else if (unusedOn && !used.has(directive) && this.namesEnabledRule(directive, config)) {
        const fix = directive.source === 'comment' ? removeCommentEdit(source(), directive.range) : undefined;
        findings.push({ ...engineFinding(unusedSuppressionRule, 'unused', { rules }, path, directive.range, config), ...optional('fix', fix) });
      }
      if (reasonOn && directive.reason === '') {
        findings.push(engineFinding(suppressionReasonRule, 'missing', { rules }, path, directive.range, config));
      }
    }
    return findings;
  }

  /**
   * A suppression of a rule that is off for this file is not "unused": it waits for the rule to be on. Nor
   * is one of a rule the configuration names but the engine does not run (a plugin left unloaded, a Rego
   * result's own id): whether it would have fired is not known.
   */
  private namesEnabledRule(directive: Directive, config: ResolvedConfig): boolean {
    if (directive.rules.length === 0) return true;
    return directive.rules.some((r) => config.rules.has(r) && this.rules.has(r));
  }
}

const exitKeys = new Map<string, string>();

/** `Type:exit`, built once per node type rather than once per node. */
function exitKey(type: string): string {
  let key = exitKeys.get(type);
  if (key === undefined) {
    key = `${type}:exit`;
    exitKeys.set(type, key);
  }
  return key;
}

/** Progress callbacks that cost nothing when the host shows none. */
function progressOf(input: LintInput, total: number): { file: () => void; units: (done: number, known: number) => void } {
  const report = input.onProgress;
  if (!report) return { file: () => undefined, units: () => undefined };
  let files = 0;
  let units = { done: 0, total: 0 };
  return {
    file: () => report({ files: { done: ++files, total }, units }),
    units: (done, known) => {
      units = { done, total: known };
      report({ files: { done: files, total }, units });
    },
  };
}

/** The units and languages a session found, as hosts see them. */
function planOf(session: LintSession, groups: ReadonlyMap<string, LanguageUnits>): RunPlan {
  const units: PlannedUnit[] = [];
  for (const group of groups.values()) for (const unit of group.units) units.push({ language: group.language.id, id: unit.id, files: unit.files });
  const files = session.files.map((f) => ({
    path: f.path,
    target: f.target,
    languages: session.readersOf(f).length === 0 ? [] : session.factsOf(f).readers.filter(readerApplies).map((r) => r.language),
  }));
  return { units, files };
}

/** `language.matches` with the head read once, and only for languages that need it for this path. */
function matcher(path: string, head: string | (() => string)): (language: Language) => boolean {
  let text = typeof head === 'string' ? head : undefined;
  const read = () => (text ??= (head as () => string)());
  return (language) => language.matches(path, language.needsHead && !language.needsHead(path) ? '' : read());
}

function parseWith(language: Language, file: SourceFile): ParsedFile {
  try {
    // The result's keys after the file's own: once V8 optimises an object literal that starts with a
    // spread, its objects get a hidden class made anew in each run, and every optimised reader of parses
    // is thrown away and compiled again.
    return { source: file, language: language.id, ...language.parse(file) };
  } catch (error) {
    return {
      source: file,
      language: language.id,
      errors: [{ message: `nospof could not read this file: ${describeError(error)}`, range: file.lines.range(0, 0) }],
      comments: [],
    };
  }
}

/**
 * Findings as rules report them. A file judged through several units (a kustomize base under two
 * overlays) may give the same finding more than once: it is kept once, with every trail it came by.
 */
class PendingFindings {
  /** Findings in the order first reported. */
  private readonly entries: PendingFinding[] = [];
  /**
   * Where each finding sits in `entries`, by file, start offset and resource (strings already at hand, so
   * no key string is built per report); the few findings left at one place are told apart by comparing
   * rule, end and message. The resource level keeps a resource expanded into thousands of instances, all
   * reported at one line, from being compared with each other.
   */
  private readonly byPlace = new Map<string, Map<number, Map<string, number[]>>>();

  add(pending: PendingFinding): void {
    const f = pending.finding;
    let byStart = this.byPlace.get(f.file);
    if (!byStart) {
      byStart = new Map();
      this.byPlace.set(f.file, byStart);
    }
    const start = f.range.start.offset;
    let byResource = byStart.get(start);
    if (!byResource) {
      byResource = new Map();
      byStart.set(start, byResource);
    }
    const resource = f.resource ?? '';
    const slots = byResource.get(resource);
    let at: number | undefined;
    if (slots) {
      const end = f.range.end.offset;
      for (const i of slots) {
        const other = (this.entries[i] as PendingFinding).finding;
        if (other.ruleId === f.ruleId && other.range.end.offset === end && other.message === f.message) {
          at = i;
          break;
        }
      }
    }
    if (at === undefined) {
      const index = this.entries.length;
      this.entries.push(pending);
      if (slots) slots.push(index);
      else byResource.set(resource, [index]);
      return;
    }
    const existing = this.entries[at] as PendingFinding;
    const related = mergeRelated(existing.finding.related, f.related);
    this.entries[at] = {
      // A copy only when the trails differ (a repeat of the same trail, as units sharing a module give, keeps the finding).
      finding: related && related !== existing.finding.related ? { ...existing.finding, related } : existing.finding,
      anchors: [...existing.anchors, ...pending.anchors],
    };
  }

  list(): readonly PendingFinding[] {
    return [...this.entries];
  }
}

/**
 * `a`, then the places of `b` that `a` does not hold (same file, start and message). Trails are a handful
 * of places, so each is compared with `a`'s rather than hashed into a key string; the list is pushed to in
 * a loop (a spread of a filtered list gives lists of two element kinds, which deoptimised `add`).
 */
function mergeRelated(a: readonly RelatedLocation[] | undefined, b: readonly RelatedLocation[] | undefined): readonly RelatedLocation[] | undefined {
  if (!b || b.length === 0) return a;
  if (!a || a.length === 0) return b;
  let out: RelatedLocation[] | undefined;
  for (const r of b) {
    const start = r.range.start.offset;
    let held = false;
    for (const kept of a) {
      if (kept.range.start.offset === start && kept.file === r.file && kept.message === r.message) {
        held = true;
        break;
      }
    }
    if (held) continue;
    if (!out) {
      out = [];
      for (const kept of a) out.push(kept);
    }
    out.push(r);
  }
  // Nothing new: `a` itself, so the finding that holds it needs no copy.
  return out ?? a;
}

function engineFinding(
  rule: AnyRule,
  messageId: string,
  data: Record<string, string>,
  file: string,
  range: Range,
  config: ResolvedConfig,
): Finding {
  return {
    ruleId: rule.meta.id,
    severity: config.rules.get(rule.meta.id)?.severity ?? rule.meta.severity,
    message: interpolate(rule.meta.messages[messageId] ?? messageId, data),
    file,
    range: plainRange(range),
    messageId,
    data,
  };
}

function crashFinding(rule: AnyRule, error: unknown, source: SourceFile, config: ResolvedConfig): Finding {
  return engineFinding(internalErrorRule, 'crashed', { rule: rule.meta.id, message: describeError(error) }, source.path, source.lines.range(0, 0), config);
}

function describeError(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'the file is nested too deeply';
  return error instanceof Error ? error.message : String(error);
}

/** Removes a suppression comment: the whole line when the comment stands alone, else just the comment. */
function removeCommentEdit(source: SourceFile, range: Range): TextEdit[] {
  const lines = source.lines;
  const lineStart = lines.lineStart(range.start.line);
  const before = lines.text.slice(lineStart, range.start.offset);
  const after = lines.text.slice(range.end.offset, lines.lineEnd(range.end.line));
  if (before.trim() === '' && after.trim() === '') {
    const next = lines.lineStart(range.end.line + 1);
    return [{ range: lines.range(lineStart, next), text: '' }];
  }
  const start = lineStart + before.trimEnd().length;
  return [{ range: lines.range(start, range.end.offset), text: '' }];
}
