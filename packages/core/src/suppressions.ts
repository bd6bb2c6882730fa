import type { Comment, ParsedFile, ScopedSuppression } from './language.js';
import type { Range } from './position.js';
import type { Finding } from './finding.js';

/** A parsed `nospof-ignore` directive, normalised to the span of text it silences. */
export interface Directive {
  /** Rule ids named; empty means every rule. */
  readonly rules: readonly string[];
  readonly reason: string;
  /** Where the directive is written, for "unused" and "reason required" findings. */
  readonly range: Range;
  readonly kind: 'line' | 'file' | 'annotation';
  /** Offsets the directive covers (for `line`: the covered lines; `file`: everything). */
  readonly scopes: readonly { readonly start: number; readonly end: number }[];
  readonly source: 'comment' | 'annotation';
}

const directivePattern = /^\s*nospof-ignore(-file)?(?=\s|$)\s*(.*)$/s;

interface ParsedDirectiveText {
  readonly wholeFile: boolean;
  readonly rules: string[];
  readonly reason: string;
}

/** Reads `nospof-ignore[-file] rule-a, rule-b -- reason` from a comment's text. */
export function parseDirectiveText(text: string): ParsedDirectiveText | undefined {
  const match = directivePattern.exec(text.replace(/\*\/\s*$/, ''));
  if (!match) return undefined;
  const rest = (match[2] ?? '').trim();
  const separator = rest.indexOf('--');
  const ruleText = separator === -1 ? rest : rest.slice(0, separator);
  const reason = separator === -1 ? '' : rest.slice(separator + 2).trim();
  const rules = ruleText
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter((r) => r.length > 0);
  return { wholeFile: match[1] !== undefined, rules, reason };
}

/** Collects every directive in a parsed file: comments plus language-specific scoped suppressions. */
export function collectDirectives<F extends ParsedFile>(
  file: F,
  scopeAt: ((file: F, line: number) => Range | undefined) | undefined,
): Directive[] {
  const directives: Directive[] = [];
  const lines = file.source.lines;
  for (const comment of file.comments) {
    const parsed = parseDirectiveText(comment.text);
    if (!parsed) continue;
    if (parsed.wholeFile) {
      directives.push({ ...base(parsed, comment), kind: 'file', scopes: [{ start: 0, end: file.source.text.length }] });
      continue;
    }
    const line = comment.range.start.line;
    const before = lines.text.slice(lines.lineStart(line), comment.range.start.offset);
    const ownLine = before.trim() === '';
    const target = ownLine ? nextCodeLine(file, comment) : line;
    const scopes = [{ start: lines.lineStart(target), end: lines.lineEnd(target) }];
    const block = ownLine ? scopeAt?.(file, target) : undefined;
    if (block) scopes.push({ start: block.start.offset, end: block.end.offset });
    directives.push({ ...base(parsed, comment), kind: 'line', scopes });
  }
  for (const s of file.suppressions ?? []) directives.push(fromScoped(s));
  return directives;
}

function base(parsed: ParsedDirectiveText, comment: Comment): Pick<Directive, 'rules' | 'reason' | 'range' | 'source'> {
  return { rules: parsed.rules, reason: parsed.reason, range: comment.range, source: 'comment' };
}

function fromScoped(s: ScopedSuppression): Directive {
  return {
    rules: s.rules,
    reason: s.reason,
    range: s.range,
    kind: 'annotation',
    scopes: [{ start: s.scope.start.offset, end: s.scope.end.offset }],
    source: 'annotation',
  };
}

/** The first line after the comment that holds something other than blanks or comments. */
function nextCodeLine(file: ParsedFile, comment: Comment): number {
  const lines = file.source.lines;
  const commentLines = new Set<number>();
  for (const c of file.comments) {
    const text = lines.text.slice(lines.lineStart(c.range.start.line), c.range.start.offset);
    if (text.trim() === '') for (let l = c.range.start.line; l <= c.range.end.line; l++) commentLines.add(l);
  }
  for (let line = comment.range.end.line + 1; line <= lines.lineCount; line++) {
    if (commentLines.has(line)) continue;
    if (lines.lineText(line).trim() !== '') return line;
  }
  return comment.range.end.line + 1;
}

/**
 * One directive per comment. Two languages that read the same file (a Kubernetes Secret and the
 * Alertmanager configuration embedded in it) may both return a comment; it is one directive, covering
 * what either language scoped it to, so it is neither applied twice nor reported unused by one reader.
 */
export function mergeDuplicateDirectives(directives: readonly Directive[]): Directive[] {
  const byKey = new Map<string, Directive>();
  for (const directive of directives) {
    const key = `${directive.source}\u0000${directive.range.start.offset}\u0000${directive.range.end.offset}`;
    const existing = byKey.get(key);
    byKey.set(key, existing ? { ...existing, scopes: [...existing.scopes, ...directive.scopes] } : directive);
  }
  return [...byKey.values()];
}

export function directiveCovers(directive: Directive, ruleId: string): boolean {
  return directive.rules.length === 0 || directive.rules.includes(ruleId);
}

export function inScope(directive: Directive, offset: number): boolean {
  return directive.scopes.some((s) => s.start <= offset && offset <= s.end);
}

/** Locations in a file where a suppression silences `finding`: its own start, plus any extra anchors. */
export interface SuppressionAnchor {
  readonly file: string;
  readonly offset: number;
}

export function anchorsOf(finding: Finding, extra: readonly SuppressionAnchor[] | undefined): SuppressionAnchor[] {
  return [{ file: finding.file, offset: finding.range.start.offset }, ...(extra ?? [])];
}
