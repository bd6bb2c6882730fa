import { severityRank, type Finding, type RelatedLocation, type Severity, type TextEdit } from './finding.js';
import { Fixer } from './fix.js';
import { interpolate } from './messages.js';
import { mapList } from './lists.js';
import { plainRange, type Range } from './position.js';
import type { AnyRule, ProjectContext, ReportDescriptor, RuleContext } from './rule.js';
import type { SourceFile } from './source.js';
import type { Settings } from './rule.js';
import type { Unknown } from './value.js';

/** A value a rule could not judge, kept for `--explain-unknown`. */
export interface SkippedValue {
  readonly ruleId: string;
  readonly file: string;
  readonly range?: Range;
  readonly what: string;
  readonly reason: string;
}

/** A reported finding before suppressions, with the extra places a suppression may silence it from. */
export interface PendingFinding {
  readonly finding: Finding;
  readonly anchors: readonly { readonly file: string; readonly offset: number }[];
}

/** What the contexts of every rule for one file (and unit) share. */
export interface SharedContext {
  /** The file being linted (for repository rules: the first file of the run). */
  readonly source: SourceFile;
  readonly settings: Settings;
  readonly project: ProjectContext;
  /** A rule's severity in another file of the run, undefined where it is off: findings there are dropped. */
  readonly severityElsewhere: (ruleId: string, path: string) => Severity | undefined;
  /** Parsed sources of the run by path, so fixes in another file are built on that file's text. */
  readonly sourceOf: (path: string) => SourceFile | undefined;
  readonly resource: () => string | undefined;
  readonly add: (pending: PendingFinding) => void;
  readonly skipped: SkippedValue[];
}

export interface ContextOptions extends Omit<SharedContext, 'severityElsewhere'> {
  readonly rule: AnyRule;
  /** The rule's severity in a file of the run, undefined where it is off: findings there are dropped. */
  readonly severityIn: (path: string) => Severity | undefined;
}

/** The `context` a rule's `create` receives: reporting, skipped values, settings and the project. */
export function createRuleContext(options: ContextOptions): RuleContext<string> {
  // Written out in the order `Linter.runRules` builds its shared context, so both share one hidden class
  // (once V8 optimises a literal that starts with a spread, it makes that class anew in each run).
  const shared: SharedContext = {
    source: options.source,
    settings: options.settings,
    project: options.project,
    severityElsewhere: (_id, path) => options.severityIn(path),
    sourceOf: options.sourceOf,
    resource: options.resource,
    add: options.add,
    skipped: options.skipped,
  };
  return new FileRuleContext(options.rule, shared, options.severityIn(options.source.path));
}

/** The context of one rule for a file whose shared part is built once for every rule; `severity` is the rule's in that file. */
export function ruleContext(rule: AnyRule, shared: SharedContext, severity: Severity | undefined): RuleContext<string> {
  return new FileRuleContext(rule, shared, severity);
}

/**
 * One per rule, file and unit of a run (tens of thousands in a large Terraform run), so one object: its
 * methods live on the prototype and what every rule's context shares is one object per file.
 */
class FileRuleContext implements RuleContext<string> {
  readonly id: string;
  readonly file: string;
  readonly source: SourceFile;
  readonly settings: Settings;
  readonly project: ProjectContext;

  constructor(
    private readonly rule: AnyRule,
    private readonly shared: SharedContext,
    private readonly severity: Severity | undefined,
  ) {
    this.id = rule.meta.id;
    this.file = shared.source.path;
    this.source = shared.source;
    this.settings = shared.settings;
    this.project = shared.project;
  }

  private severityIn(path: string): Severity | undefined {
    return path === this.file ? this.severity : this.shared.severityElsewhere(this.id, path);
  }

  report(descriptor: ReportDescriptor<string>): void {
    const { shared: options, source } = this;
    const meta = this.rule.meta;
    const file = descriptor.file ?? source.path;
    const configured = this.severityIn(file);
    if (!configured) return;
    const cap = descriptor.severity;
    const severity = cap !== undefined && severityRank[cap] < severityRank[configured] ? cap : configured;
    const template = meta.messages[descriptor.messageId];
    if (template === undefined) throw new Error(`unknown messageId "${descriptor.messageId}"`);
    if (descriptor.fix && !meta.fixable) throw new Error(`rule ${meta.id} offers a fix but its meta.fixable is false`);
    // Another file's text is needed only to build a fix in it.
    const target = descriptor.fix ? (file === source.path ? source : options.sourceOf(file)) : undefined;
    const edits = descriptor.fix && target ? descriptor.fix(new Fixer(target)) : undefined;
    const fix = edits ? mapList(Array.isArray(edits) ? (edits as TextEdit[]) : [edits as TextEdit], (e) => ({ range: plainRange(e.range), text: e.text })) : undefined;
    const related: RelatedLocation[] | undefined = descriptor.related && mapList(descriptor.related, (r) => ({
      file: r.file ?? source.path,
      range: plainRange(r.node.range),
      message: r.message,
    }));
    // Built key by key in the order findings have always had (no object spreads: one finding per report).
    const finding: Mutable<Finding> = { ruleId: meta.id, severity, message: interpolate(template, descriptor.data), file, range: plainRange(descriptor.node.range) };
    const resource = descriptor.resource ?? options.resource();
    if (resource !== undefined) finding.resource = resource;
    if (related && related.length > 0) finding.related = related;
    if (fix && fix.length > 0) finding.fix = fix;
    if (meta.docs.compliance.length > 0) finding.compliance = meta.docs.compliance;
    finding.messageId = descriptor.messageId;
    if (descriptor.data !== undefined) finding.data = descriptor.data;
    const anchors = mapList(descriptor.suppressibleAt ?? [], (a) => ({ file: a.file, offset: a.node.range.start.offset }));
    options.add({ finding, anchors });
  }

  skipped(value: Unknown, what: string): void {
    const file = value.file ?? this.source.path;
    const range = value.range && plainRange(value.range);
    // Two literals, not a spread of an optional key: rules record thousands of skipped values in a large run.
    this.shared.skipped.push(range === undefined ? { ruleId: this.id, file, what, reason: value.reason } : { ruleId: this.id, file, range, what, reason: value.reason });
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
