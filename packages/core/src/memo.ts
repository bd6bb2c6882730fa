import type { Finding, RelatedLocation, TextEdit } from './finding.js';
import type { Position, Range } from './position.js';
import type { PendingFinding, SkippedValue } from './rule-context.js';
import type { Directive } from './suppressions.js';

/**
 * Results of earlier runs the engine may reuse: an incremental cache. The host decides where it lives and
 * how it is protected (the Node API signs it with a key kept outside the repository); the engine decides
 * what is stored under which key. Every key is a digest of everything that can change the stored value
 * (the file's text, its configuration, the unit's files, the languages' settings...), and every value read
 * back is checked for shape, so a stale, foreign or corrupt entry is a miss: the work is redone, and the
 * results are those of a run without the memo.
 */
export interface LintMemo {
  /** A collision-resistant digest of `text` (the Node API uses SHA-256, hex). */
  hash(text: string): string;
  /** The value stored under `key`, or undefined. */
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** What one language made of a file, kept so an unchanged file need not be parsed again. */
export interface ReaderFacts {
  readonly language: string;
  readonly notApplicable: boolean;
  readonly hasRoot: boolean;
  readonly errors: readonly { readonly message: string; readonly range: Range }[];
  readonly directives: readonly Directive[];
  /** `Language.unitKey` of the parse, when the language has one. */
  readonly unitKey?: string;
  /** `Language.indexKey` of the parse, when the language has one. */
  readonly indexKey?: string;
  /** `ParseResult.notApplicableReason`. */
  readonly passedOver?: string;
  /** `ParseResult.contextOnly`: present (true) only for a file read for its unit's sake, never judged. */
  readonly contextOnly?: true;
}

export interface FileFacts {
  readonly readers: readonly ReaderFacts[];
}

/**
 * What judging one file in one unit (or the repository rules once) produced, with what it read beyond its
 * own file: `unit` (its unit's index or identity), `shape` (the answers of a watched index: its unit's
 * index keys, each file it handed out being a `file:<path>`), `lang:<id>` (a language's whole index or
 * parsed files), `files` (the run's file list), `file:<path>` (another file's text or configuration).
 * `digest` is the digest of those inputs when the outcome was stored; the outcome is reused only while it
 * is unchanged.
 */
export interface JudgeOutcome {
  readonly deps: readonly string[];
  readonly digest: string;
  readonly pending: readonly PendingFinding[];
  readonly skipped: readonly SkippedValue[];
}

/** Deployment units a language declared for a run, stored under the digest of their inputs. */
export interface StoredUnits {
  readonly units: readonly { readonly id: string; readonly files: readonly string[] }[];
}

type Json = Record<string, unknown>;

// The checks below run on every stored value a warm run reads (tens of thousands of findings): plain
// loops and typeof tests, no closures, so they cost little next to parsing the value.

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

function isPosition(value: unknown): value is Position {
  return isObject(value) && isCount(value.line) && isCount(value.column) && isCount(value.offset);
}

export function isRange(value: unknown): value is Range {
  return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

function isRelatedList(value: unknown): value is RelatedLocation[] {
  if (!Array.isArray(value)) return false;
  for (const r of value) if (!isObject(r) || !isString(r.file) || !isRange(r.range) || !isString(r.message)) return false;
  return true;
}

function isEditList(value: unknown): value is TextEdit[] {
  if (!Array.isArray(value)) return false;
  for (const e of value) if (!isObject(e) || !isRange(e.range) || !isString(e.text)) return false;
  return true;
}

function isData(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const key in value) {
    const v = value[key];
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return false;
  }
  return true;
}

/** A finding as rules report it (before suppressions), every field checked. */
export function isFinding(value: unknown): value is Finding {
  if (!isObject(value)) return false;
  if (!isString(value.ruleId) || !isString(value.message) || !isString(value.file) || !isRange(value.range)) return false;
  if (value.severity !== 'error' && value.severity !== 'warning' && value.severity !== 'info') return false;
  if (value.suppressed !== undefined) return false;
  if (value.resource !== undefined && !isString(value.resource)) return false;
  if (value.related !== undefined && !isRelatedList(value.related)) return false;
  if (value.fix !== undefined && !isEditList(value.fix)) return false;
  if (value.compliance !== undefined && !isStringArray(value.compliance)) return false;
  if (value.messageId !== undefined && !isString(value.messageId)) return false;
  if (value.data !== undefined && !isData(value.data)) return false;
  return true;
}

function isPending(value: unknown): value is PendingFinding {
  if (!isObject(value) || !isFinding(value.finding) || !Array.isArray(value.anchors)) return false;
  for (const a of value.anchors) if (!isObject(a) || !isString(a.file) || !isCount(a.offset)) return false;
  return true;
}

function isSkipped(value: unknown): value is SkippedValue {
  return isObject(value) && isString(value.ruleId) && isString(value.file) && isString(value.what) && isString(value.reason) && (value.range === undefined || isRange(value.range));
}

function isDirective(value: unknown): value is Directive {
  return (
    isObject(value) &&
    isStringArray(value.rules) &&
    isString(value.reason) &&
    isRange(value.range) &&
    (value.kind === 'line' || value.kind === 'file' || value.kind === 'annotation') &&
    (value.source === 'comment' || value.source === 'annotation') &&
    Array.isArray(value.scopes) &&
    value.scopes.every((s) => isObject(s) && isCount(s.start) && isCount(s.end))
  );
}

function everyOf<T>(value: unknown, check: (item: unknown) => item is T): value is T[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!check(item)) return false;
  return true;
}

function isReaderFacts(value: unknown): value is ReaderFacts {
  return (
    isObject(value) &&
    isString(value.language) &&
    typeof value.notApplicable === 'boolean' &&
    typeof value.hasRoot === 'boolean' &&
    Array.isArray(value.errors) &&
    value.errors.every((e) => isObject(e) && isString(e.message) && isRange(e.range)) &&
    everyOf(value.directives, isDirective) &&
    (value.unitKey === undefined || isString(value.unitKey)) &&
    (value.indexKey === undefined || isString(value.indexKey)) &&
    (value.passedOver === undefined || isString(value.passedOver)) &&
    (value.contextOnly === undefined || value.contextOnly === true)
  );
}

export function isFileFacts(value: unknown): value is FileFacts {
  return isObject(value) && everyOf(value.readers, isReaderFacts);
}

export function isJudgeOutcome(value: unknown): value is JudgeOutcome {
  return isObject(value) && isStringArray(value.deps) && isString(value.digest) && everyOf(value.pending, isPending) && everyOf(value.skipped, isSkipped);
}

function isStoredUnit(value: unknown): value is StoredUnits['units'][number] {
  return isObject(value) && isString(value.id) && isStringArray(value.files);
}

export function isStoredUnits(value: unknown): value is StoredUnits {
  return isObject(value) && everyOf(value.units, isStoredUnit);
}
