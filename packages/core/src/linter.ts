import type { Finding, RelatedLocation, TextEdit } from './finding.js';
import { compareFindings } from './finding.js';
import { applyEdits } from './fix.js';
import type { DeploymentUnit, Language, ParsedFile } from './language.js';
import { interpolate } from './messages.js';
import type { Node } from './node.js';
import { plainRange, type Range } from './position.js';
import type { AnyRule, ProjectContext } from './rule.js';
import { PROJECT_VISITOR } from './rule.js';
import { SourceFile, type SourceText } from './source.js';
import type { ResolvedConfig, RuleConfig } from './config/types.js';
import { traverse } from './traverse.js';
import { collectDirectives, directiveCovers, inScope, mergeDuplicateDirectives, type Directive } from './suppressions.js';
import { engineRules, internalErrorRule, parseErrorRule, suppressionReasonRule, unusedSuppressionRule } from './engine-rules.js';
import { createRuleContext, optional, ruleContext, type PendingFinding, type SharedContext, type SkippedValue } from './rule-context.js';
import { LanguageUnits } from './units.js';

export type { SkippedValue } from './rule-context.js';

export interface FileResult {
  readonly file: string;
  /** The language that read the file; absent when no language claimed it. */
  readonly language?: string;
  readonly findings: readonly Finding[];
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
  /** Called as files are parsed and checked, for hosts that show progress on long runs. */
  onProgress?(phase: 'parse' | 'check', done: number, total: number): void;
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

/**
 * The engine: parses each file once, groups files into deployment units, builds each unit's cross-file
 * index, runs every enabled rule in one traversal per file and unit, applies suppressions. It never
 * reads files itself; hosts hand it text.
 */
export class Linter {
  private readonly rules: ReadonlyMap<string, AnyRule>;
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
    const parsed = this.languagesFor(source.path, source.text.slice(0, 4096), forced).map((language) => parseWith(language, file));
    this.parseCache.set(source.path, { text: source.text, forced, parsed });
    return parsed;
  }

  /** Drops cached parses of files no longer in the workspace. */
  forget(path: string): void {
    this.parseCache.delete(path);
  }

  lint(input: LintInput): LintRun {
    const total = input.files.length;
    const targets = input.files.map((f, i) => {
      input.onProgress?.('parse', i, total);
      return { source: f, parsed: this.parseAll(f, input.languageOf?.(f.path)) };
    });
    const targetPaths = new Set(input.files.map((f) => f.path));
    const context = (input.contextFiles ?? []).filter((f) => !targetPaths.has(f.path)).flatMap((f) => this.parseAll(f, input.languageOf?.(f.path)));
    const applicable = [...targets.flatMap((t) => t.parsed), ...context].filter((p) => !p.notApplicable && p.root !== undefined);
    const units = this.groupUnits(applicable, input);
    const byPath = new Map<string, ParsedFile[]>();
    for (const p of [...context, ...targets.flatMap((t) => t.parsed)]) byPath.set(p.source.path, [...(byPath.get(p.source.path) ?? []), p]);
    const sourceOf = (path: string) => byPath.get(path)?.[0]?.source;
    const skipped: SkippedValue[] = [];
    const pending = new PendingFindings();
    const paths = applicable.map((f) => f.source.path);
    const projects = new Map<DeploymentUnit, ProjectContext>();

    for (const [i, { parsed }] of targets.entries()) {
      input.onProgress?.('check', i, total);
      for (const file of parsed) {
        if (file.notApplicable) continue;
        const config = input.configFor(file.source.path);
        for (const error of file.errors) {
          if (config.disabled.has(parseErrorRule.meta.id)) break;
          pending.add({ finding: engineFinding(parseErrorRule, 'syntax', { message: error.message }, file.source.path, error.range, config), anchors: [] });
        }
        if (!file.root) continue;
        const languageUnits = units.get(file.language);
        if (!languageUnits) continue;
        for (const unit of languageUnits.unitsOf(file.source.path)) {
          let project = projects.get(unit);
          if (!project) {
            project = projectContext(units, paths, { unit, units: languageUnits });
            projects.set(unit, project);
          }
          this.runRules(file, config, project, input, sourceOf, pending, skipped);
        }
      }
    }
    this.runRepositoryRules(targets.flatMap((t) => t.parsed).filter(isApplicable), input, projectContext(units, paths, undefined), sourceOf, pending, skipped);

    // Context files count for suppressions too: a `nospof-ignore` on a module call in a file that is only
    // context still silences the findings that call causes in the file being linted.
    const directives = new Map<string, Directive[]>();
    const directivesOf = (path: string): Directive[] => {
      let list = directives.get(path);
      if (!list) {
        list = mergeDuplicateDirectives(
          (byPath.get(path) ?? []).flatMap((parsed) => {
            const language = this.languages.find((l) => l.id === parsed.language);
            return collectDirectives(parsed, language?.scopeAt?.bind(language));
          }),
        );
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
      const reportedFor = targetPaths.has(finding.file) ? [] : [...new Set((finding.related ?? []).map((r) => r.file).filter((f) => targetPaths.has(f)))];
      if (!targetPaths.has(finding.file) && reportedFor.length === 0) continue;
      const list = findingsByFile.get(finding.file) ?? [];
      const kept = this.suppress(p, directivesOf, used);
      list.push(reportedFor.length > 0 ? { ...kept, reportedFor } : kept);
      findingsByFile.set(finding.file, list);
    }
    const results: FileResult[] = [];
    for (const { source, parsed } of targets) {
      const findings = findingsByFile.get(source.path) ?? [];
      findingsByFile.delete(source.path);
      const readers = parsed.filter(isApplicable);
      for (const reader of readers.slice(0, 1)) {
        findings.push(...this.directiveFindings(directivesOf(source.path), used, input.configFor(source.path), reader));
      }
      results.push({ file: source.path, ...optional('language', readers[0]?.language), findings: findings.sort(compareFindings) });
    }
    for (const [file, findings] of findingsByFile) {
      results.push({ file, ...optional('language', byPath.get(file)?.find(isApplicable)?.language), findings: findings.sort(compareFindings) });
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

  /** Each language's files grouped into deployment units, with the settings of the language's first file. */
  private groupUnits(files: readonly ParsedFile[], input: LintInput): Map<string, LanguageUnits> {
    const units = new Map<string, LanguageUnits>();
    for (const language of this.languages) {
      const mine = files.filter((f) => f.language === language.id);
      const first = mine[0];
      if (!first) continue;
      units.set(language.id, new LanguageUnits(language, mine, input.configFor(first.source.path).settings));
    }
    return units;
  }

  private runRules(
    parsed: ParsedFile,
    config: ResolvedConfig,
    project: ProjectContext,
    input: LintInput,
    sourceOf: (path: string) => SourceFile | undefined,
    pending: PendingFindings,
    skipped: SkippedValue[],
  ): void {
    const language = this.languages.find((l) => l.id === parsed.language);
    if (!language || !parsed.root) return;
    const handlers = new Map<string, { rule: AnyRule; fn: (node: Node) => void }[]>();
    let currentResource: string | undefined;
    const failed = new Set<string>();
    const add = (p: PendingFinding) => pending.add(p);
    const shared: SharedContext = {
      source: parsed.source,
      settings: config.settings,
      project,
      severityElsewhere: (id, path) => input.configFor(path).rules.get(id)?.severity,
      sourceOf,
      resource: () => currentResource,
      add,
      skipped,
    };
    for (const { rule, ruleConfig } of this.enabledRules(config, language.id)) {
      const context = ruleContext(rule, shared, ruleConfig.severity);
      let visitors;
      try {
        visitors = rule.create(context, ruleConfig.options);
      } catch (error) {
        add({ finding: crashFinding(rule, error, parsed.source, config), anchors: [] });
        continue;
      }
      for (const type in visitors) {
        const fn = (visitors as Record<string, unknown>)[type];
        if (!fn || type === PROJECT_VISITOR || !Object.hasOwn(visitors, type)) continue;
        const list = handlers.get(type) ?? [];
        list.push({ rule, fn: fn as (node: Node) => void });
        handlers.set(type, list);
      }
    }
    if (handlers.size === 0) return;
    const call = (key: string, node: Node) => {
      const list = handlers.get(key);
      if (!list) return;
      for (const { rule, fn } of list) {
        if (failed.has(rule.meta.id)) continue;
        try {
          fn(node);
        } catch (error) {
          failed.add(rule.meta.id);
          add({ finding: crashFinding(rule, error, parsed.source, config), anchors: [] });
        }
      }
    };
    traverse(parsed.root, language.visitorKeys, {
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

  /**
   * Rules with a `Project` visitor judge the whole run once (repository-wide facts such as the security
   * scanners every pipeline runs), after every file was parsed.
   */
  private runRepositoryRules(
    files: readonly ParsedFile[],
    input: LintInput,
    project: ProjectContext,
    sourceOf: (path: string) => SourceFile | undefined,
    pending: PendingFindings,
    skipped: SkippedValue[],
  ): void {
    const first = files[0];
    if (!first) return;
    const config = input.configFor(first.source.path);
    const targets = new Set(files.map((f) => f.source.path));
    for (const [id, ruleConfig] of config.rules) {
      const rule = this.rules.get(id);
      if (!rule || ENGINE_RULE_IDS.has(id)) continue;
      const context = createRuleContext({
        rule,
        source: first.source,
        settings: config.settings,
        project,
        severityIn: (path) => (targets.has(path) ? input.configFor(path).rules.get(id)?.severity : undefined),
        sourceOf,
        resource: () => undefined,
        add: (p) => pending.add(p),
        skipped,
      });
      try {
        const visitor = (rule.create(context, ruleConfig.options) as Record<string, unknown>)[PROJECT_VISITOR];
        if (typeof visitor === 'function') (visitor as (p: ProjectContext) => void)(project);
      } catch (error) {
        pending.add({ finding: crashFinding(rule, error, first.source, config), anchors: [] });
      }
    }
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

  private directiveFindings(directives: readonly Directive[], used: ReadonlySet<Directive>, config: ResolvedConfig, parsed: ParsedFile): Finding[] {
    const findings: Finding[] = [];
    const path = parsed.source.path;
    const unusedOn = !config.disabled.has(unusedSuppressionRule.meta.id);
    const reasonOn = config.rules.has(suppressionReasonRule.meta.id);
    for (const directive of directives) {
      const rules = directive.rules.length === 0 ? 'all rules' : directive.rules.join(', ');
      const unknownRules = directive.rules.filter((r) => !this.rules.has(r));
      if (unusedOn && unknownRules.length > 0) {
        for (const rule of unknownRules) findings.push(engineFinding(unusedSuppressionRule, 'unknownRule', { rule }, path, directive.range, config));
      } else if (unusedOn && !used.has(directive) && this.namesEnabledRule(directive, config)) {
        const fix = directive.source === 'comment' ? removeCommentEdit(parsed, directive.range) : undefined;
        findings.push({ ...engineFinding(unusedSuppressionRule, 'unused', { rules }, path, directive.range, config), ...optional('fix', fix) });
      }
      if (reasonOn && directive.reason === '') {
        findings.push(engineFinding(suppressionReasonRule, 'missing', { rules }, path, directive.range, config));
      }
    }
    return findings;
  }

  /** A suppression of a rule that is off for this file is not "unused": it waits for the rule to be on. */
  private namesEnabledRule(directive: Directive, config: ResolvedConfig): boolean {
    if (directive.rules.length === 0) return true;
    return directive.rules.some((r) => config.rules.has(r));
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

/** What rules see of the run: the unit's own index, other languages' whole indexes, every parsed file. */
function projectContext(
  units: ReadonlyMap<string, LanguageUnits>,
  paths: readonly string[],
  own: { readonly unit: DeploymentUnit; readonly units: LanguageUnits } | undefined,
): ProjectContext {
  return {
    index: <T>(id: string) => (own && id === own.units.language.id ? own.units.indexOf(own.unit) : units.get(id)?.wholeIndex()) as T | undefined,
    parsed: (id: string) => units.get(id)?.files ?? [],
    ...optional('unit', own?.unit),
    files: paths,
  };
}

/** `language.matches` with the head read once, and only for languages that need it for this path. */
function matcher(path: string, head: string | (() => string)): (language: Language) => boolean {
  let text = typeof head === 'string' ? head : undefined;
  const read = () => (text ??= (head as () => string)());
  return (language) => language.matches(path, language.needsHead && !language.needsHead(path) ? '' : read());
}

function isApplicable(p: ParsedFile): boolean {
  return !p.notApplicable && p.root !== undefined;
}

function parseWith(language: Language, file: SourceFile): ParsedFile {
  try {
    return { ...language.parse(file), source: file, language: language.id };
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
  private readonly byKey = new Map<string, PendingFinding>();

  add(pending: PendingFinding): void {
    const f = pending.finding;
    const key = `${f.ruleId}\u0000${f.file}\u0000${f.range.start.offset}\u0000${f.range.end.offset}\u0000${f.resource ?? ''}\u0000${f.message}`;
    const existing = this.byKey.get(key);
    if (!existing) {
      this.byKey.set(key, pending);
      return;
    }
    const related = mergeRelated(existing.finding.related, f.related);
    this.byKey.set(key, {
      finding: related ? { ...existing.finding, related } : existing.finding,
      anchors: [...existing.anchors, ...pending.anchors],
    });
  }

  list(): readonly PendingFinding[] {
    return [...this.byKey.values()];
  }
}

function mergeRelated(a: readonly RelatedLocation[] | undefined, b: readonly RelatedLocation[] | undefined): readonly RelatedLocation[] | undefined {
  if (!b || b.length === 0) return a;
  if (!a || a.length === 0) return b;
  const seen = new Set(a.map((r) => `${r.file}\u0000${r.range.start.offset}\u0000${r.message}`));
  return [...a, ...b.filter((r) => !seen.has(`${r.file}\u0000${r.range.start.offset}\u0000${r.message}`))];
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
function removeCommentEdit(parsed: ParsedFile, range: Range): TextEdit[] {
  const lines = parsed.source.lines;
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
