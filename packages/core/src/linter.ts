import type { Finding, RelatedLocation, Severity, TextEdit } from './finding.js';
import { compareFindings } from './finding.js';
import { applyEdits, Fixer } from './fix.js';
import type { Language, ParsedFile } from './language.js';
import { interpolate } from './messages.js';
import type { Node } from './node.js';
import { plainRange, type Range } from './position.js';
import type { AnyRule, ProjectContext, ReportDescriptor, RuleContext } from './rule.js';
import { PROJECT_VISITOR } from './rule.js';
import { SourceFile, type SourceText } from './source.js';
import type { ResolvedConfig, RuleConfig } from './config/types.js';
import { traverse } from './traverse.js';
import type { Unknown } from './value.js';
import { collectDirectives, directiveCovers, inScope, type Directive } from './suppressions.js';
import { engineRules, internalErrorRule, parseErrorRule, suppressionReasonRule, unusedSuppressionRule } from './engine-rules.js';
import type { RepositoryFact } from './facts.js';

/** A value a rule could not judge, kept for `--explain-unknown`. */
export interface SkippedValue {
  readonly ruleId: string;
  readonly file: string;
  readonly range?: Range;
  readonly what: string;
  readonly reason: string;
}

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
  readonly files: readonly SourceText[];
  /** Rules and settings for a file. */
  configFor(path: string): ResolvedConfig;
  /** A language forced by configuration (`languages:` globs) for a path. */
  languageOf?(path: string): string | undefined;
  /** Files read only for cross-file facts (a PDB next to the Deployment being linted); never reported. */
  readonly contextFiles?: readonly SourceText[];
  /** Called as files are parsed and checked, for hosts that show progress on long runs. */
  onProgress?(phase: 'parse' | 'check', done: number, total: number): void;
}

export interface FixRun extends LintRun {
  /** New text of every file a fix changed. */
  readonly outputs: ReadonlyMap<string, string>;
}

interface PendingFinding {
  finding: Finding;
  anchors: readonly { file: string; offset: number }[];
}

const ENGINE_RULE_IDS = new Set(engineRules.map((r) => r.meta.id));

/**
 * The engine: parses each file once, builds the cross-file indexes, runs every enabled rule in one
 * traversal per file, applies suppressions. It never reads files itself; hosts hand it text.
 */
export class Linter {
  private readonly rules: ReadonlyMap<string, AnyRule>;
  private readonly parseCache = new Map<string, { text: string; parsed: ParsedFile | undefined }>();

  constructor(
    readonly languages: readonly Language[],
    rules: readonly AnyRule[],
  ) {
    this.rules = new Map([...engineRules, ...rules].map((r) => [r.meta.id, r]));
  }

  get ruleList(): AnyRule[] {
    return [...this.rules.values()];
  }

  languageFor(path: string, head: string, forced?: string): Language | undefined {
    if (forced) return this.languages.find((l) => l.id === forced);
    return this.languages.find((l) => l.matches(path, head));
  }

  /** Parses (or reuses the previous parse of identical text), never throwing. */
  parse(source: SourceText, forced?: string): ParsedFile | undefined {
    const cached = this.parseCache.get(source.path);
    if (cached && cached.text === source.text) return cached.parsed;
    const language = this.languageFor(source.path, source.text.slice(0, 512), forced);
    let parsed: ParsedFile | undefined;
    if (language) {
      const file = new SourceFile(source.path, source.text);
      try {
        parsed = { ...language.parse(file), source: file, language: language.id };
      } catch (error) {
        parsed = {
          source: file,
          language: language.id,
          errors: [{ message: `nospof could not read this file: ${describeError(error)}`, range: file.lines.range(0, 0) }],
          comments: [],
        };
      }
    }
    this.parseCache.set(source.path, { text: source.text, parsed });
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
      return { source: f, parsed: this.parse(f, input.languageOf?.(f.path)) };
    });
    const targetPaths = new Set(input.files.map((f) => f.path));
    const context = (input.contextFiles ?? [])
      .filter((f) => !targetPaths.has(f.path))
      .map((f) => this.parse(f, input.languageOf?.(f.path)));
    const applicable = [...targets.map((t) => t.parsed), ...context].filter(
      (p): p is ParsedFile => p !== undefined && !p.notApplicable && p.root !== undefined,
    );
    const project = this.buildProject(applicable);
    const skipped: SkippedValue[] = [];
    const pending = new Map<string, PendingFinding[]>();
    const add = (p: PendingFinding) => {
      const list = pending.get(p.finding.file) ?? [];
      list.push(p);
      pending.set(p.finding.file, list);
    };

    for (const [i, { parsed }] of targets.entries()) {
      input.onProgress?.('check', i, total);
      if (!parsed || parsed.notApplicable) continue;
      const config = input.configFor(parsed.source.path);
      for (const error of parsed.errors) {
        if (config.disabled.has(parseErrorRule.meta.id)) break;
        add({ finding: engineFinding(parseErrorRule, 'syntax', { message: error.message }, parsed.source.path, error.range, config), anchors: [] });
      }
      if (parsed.root) this.runRules(parsed, config, project, add, skipped);
    }
    this.runRepositoryRules(targets.map((t) => t.parsed).filter(isParsed), input, project, add, skipped);

    const results: FileResult[] = targets.map(({ source, parsed }) => ({
      file: source.path,
      ...(parsed && !parsed.notApplicable ? { language: parsed.language } : {}),
      findings: [],
    }));
    // Context files count for suppressions too: a `nospof-ignore` on a module call in a file that is only
    // context still silences the findings that call causes in the file being linted.
    const byPath = new Map<string, ParsedFile | undefined>(context.filter(isParsed).map((p) => [p.source.path, p] as const));
    for (const t of targets) byPath.set(t.source.path, t.parsed);
    const directives = new Map<string, Directive[]>();
    const directivesOf = (path: string): Directive[] => {
      let list = directives.get(path);
      if (!list) {
        const parsed = byPath.get(path);
        const language = parsed && this.languages.find((l) => l.id === parsed.language);
        list = parsed ? collectDirectives(parsed, language?.scopeAt?.bind(language)) : [];
        directives.set(path, list);
      }
      return list;
    };
    const used = new Set<Directive>();
    const suppressedFindings = new Map<string, Finding[]>();
    for (const [file, list] of pending) {
      const out: Finding[] = [];
      for (const p of list) out.push(this.suppress(p, directivesOf, used));
      suppressedFindings.set(file, out);
    }
    for (let i = 0; i < results.length; i++) {
      const result = results[i] as FileResult;
      const parsed = byPath.get(result.file);
      const findings = suppressedFindings.get(result.file) ?? [];
      if (parsed && !parsed.notApplicable) {
        findings.push(...this.directiveFindings(directivesOf(result.file), used, input.configFor(result.file), parsed));
      }
      results[i] = { ...result, findings: findings.sort(compareFindings) };
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

  private buildProject(files: readonly ParsedFile[]): ProjectContext {
    const indexes = new Map<string, unknown>();
    const facts: RepositoryFact[] = [];
    for (const language of this.languages) {
      const mine = files.filter((f) => f.language === language.id);
      if (mine.length === 0) continue;
      if (language.index) indexes.set(language.id, language.index(mine));
      if (language.facts) for (const f of mine) facts.push(...language.facts(f));
    }
    return {
      index: <T>(id: string) => indexes.get(id) as T | undefined,
      facts,
      files: files.map((f) => f.source.path),
    };
  }

  private runRules(
    parsed: ParsedFile,
    config: ResolvedConfig,
    project: ProjectContext,
    add: (p: PendingFinding) => void,
    skipped: SkippedValue[],
  ): void {
    const language = this.languages.find((l) => l.id === parsed.language);
    if (!language || !parsed.root) return;
    const handlers = new Map<string, { rule: AnyRule; fn: (node: Node) => void }[]>();
    let currentResource: string | undefined;
    const failed = new Set<string>();
    for (const { rule, ruleConfig } of this.enabledRules(config, language.id)) {
      const context = this.contextFor(rule, parsed.source, config, project, ruleConfig.severity, add, skipped, () => currentResource);
      let visitors;
      try {
        visitors = rule.create(context, ruleConfig.options);
      } catch (error) {
        add({ finding: crashFinding(rule, error, parsed.source, config), anchors: [] });
        continue;
      }
      for (const [type, fn] of Object.entries(visitors)) {
        if (!fn) continue;
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

  private runRepositoryRules(
    files: readonly ParsedFile[],
    input: LintInput,
    project: ProjectContext,
    add: (p: PendingFinding) => void,
    skipped: SkippedValue[],
  ): void {
    const first = files.find((f) => !f.notApplicable);
    if (!first) return;
    const config = input.configFor(first.source.path);
    for (const [id, ruleConfig] of config.rules) {
      const rule = this.rules.get(id);
      if (!rule || rule.meta.language !== 'repo') continue;
      const sources = new Map(files.map((f) => [f.source.path, f.source] as const));
      const context = this.contextFor(rule, first.source, config, project, ruleConfig.severity, add, skipped, () => undefined, (path) => {
        const fileConfig = input.configFor(path);
        return sources.has(path) ? fileConfig.rules.get(id)?.severity : undefined;
      }, sources);
      try {
        const visitor = rule.create(context, ruleConfig.options)[PROJECT_VISITOR];
        (visitor as ((p: ProjectContext) => void) | undefined)?.(project);
      } catch (error) {
        add({ finding: crashFinding(rule, error, first.source, config), anchors: [] });
      }
    }
  }

  private contextFor(
    rule: AnyRule,
    source: SourceFile,
    config: ResolvedConfig,
    project: ProjectContext,
    severity: Severity,
    add: (p: PendingFinding) => void,
    skipped: SkippedValue[],
    resource: () => string | undefined,
    severityIn?: (path: string) => Severity | undefined,
    sources?: ReadonlyMap<string, SourceFile>,
  ): RuleContext<string> {
    const meta = rule.meta;
    return {
      id: meta.id,
      file: source.path,
      source,
      settings: config.settings,
      project,
      report: (descriptor: ReportDescriptor<string>) => {
        const file = descriptor.file ?? source.path;
        const effective = file === source.path ? severity : severityIn?.(file);
        if (!effective) return;
        const target = sources?.get(file) ?? source;
        const template = meta.messages[descriptor.messageId];
        if (template === undefined) throw new Error(`unknown messageId "${descriptor.messageId}"`);
        const fixEdits = descriptor.fix?.(new Fixer(target));
        const fix = fixEdits
          ? (Array.isArray(fixEdits) ? (fixEdits as TextEdit[]) : [fixEdits as TextEdit]).map((e) => ({ range: plainRange(e.range), text: e.text }))
          : undefined;
        const related: RelatedLocation[] | undefined = descriptor.related?.map((r) => ({
          file: r.file ?? file,
          range: plainRange(r.node.range),
          message: r.message,
        }));
        const finding: Finding = {
          ruleId: meta.id,
          severity: effective,
          message: interpolate(template, descriptor.data),
          file,
          range: plainRange(descriptor.node.range),
          ...optional('resource', descriptor.resource ?? resource()),
          ...optional('related', related && related.length > 0 ? related : undefined),
          ...optional('fix', fix && fix.length > 0 ? fix : undefined),
          ...optional('compliance', meta.docs.compliance.length > 0 ? meta.docs.compliance : undefined),
          messageId: descriptor.messageId,
          ...optional('data', descriptor.data),
        };
        const anchors = (descriptor.suppressibleAt ?? []).map((a) => ({ file: a.file, offset: a.node.range.start.offset }));
        add({ finding, anchors });
      },
      skipped: (value: Unknown, what: string) => {
        skipped.push({ ruleId: meta.id, file: value.file ?? source.path, ...optional('range', value.range && plainRange(value.range)), what, reason: value.reason });
      },
    };
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

function isParsed(p: ParsedFile | undefined): p is ParsedFile {
  return p !== undefined && !p.notApplicable;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
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
