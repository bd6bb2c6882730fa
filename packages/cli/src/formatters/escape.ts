/**
 * Escaping for every output medium. File names, messages, resource names and source lines come from the
 * scanned repository, so they are attacker-controlled: a pull request can name a file
 * `"x\n::add-mask::..."` or put an ESC sequence or a bidi override in a Kubernetes name. Each formatter
 * passes such text through the function for its medium; none writes it raw.
 */

/**
 * Characters that are not shown as themselves or that move the cursor, end a line or reorder text: C0
 * controls, DEL, C1 controls, U+2028/U+2029, the bidi embeddings, overrides, isolates and marks, the XML
 * non-characters U+FFFE/U+FFFF, and UTF-16 surrogates that are not part of a pair. A single character
 * class (and a lookaround of one code unit for surrogates), so the scan is linear.
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text for a terminal or a log line: every unsafe character is shown as an escape (`\x1b`, `\r`,
 * `\u202e`), visible and never interpreted, so a finding can neither start a new line nor restyle one.
 */
export function visible(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * The CI log commands a line can trigger: GitHub Actions workflow commands (`::error …::`,
 * `::add-mask::`, `::stop-commands::`; the runner trims leading white space before looking) and their
 * older `##[…]` form. Azure Pipelines looks for `##vso[` anywhere in a line.
 */
const COMMAND_AT_LINE_START = /^((?:[^\S\n]|\u001b\[[0-9;]*m)*)(?::(?=:)|#(?=#\[))/gm;
const AZURE_COMMAND = /##(?=vso\[)/gi;

/**
 * Makes sure no line of `output` can be read as a CI log command: a line that would start with `::` or
 * `##[` (after white space and colour codes) gets its first character escaped (`\x3a:error`, `\x23#[`). Applied to the whole output of every
 * line-oriented formatter, after the fields themselves went through `visible`.
 */
export function guardLines(output: string): string {
  return output
    .replace(COMMAND_AT_LINE_START, (_match, space: string) => `${space}${_match.endsWith(':') ? '\\x3a' : '\\x23'}`)
    .replace(AZURE_COMMAND, '\\x23#');
}

/** Text inside an XML attribute or element: the five specials as entities, everything unsafe made visible. */
export function xml(text: string): string {
  return visible(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c] as string);
}

const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text inside HTML (element content or a quoted attribute). */
export function html(text: string): string {
  return visible(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * One line of source code inside an HTML `<pre>`: a tab kept as a character reference (so it still lays
 * out), other unsafe characters visible, the specials as entities. Callers join lines with `&#10;`, so
 * the report never holds a raw line of the scanned file.
 */
export function htmlCodeLine(line: string): string {
  return line
    .replace(/\r$/, '')
    .replace(UNSAFE, (c) => (c === '\t' ? c : escapeChar(c)))
    .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string)
    .replace(/\t/g, '&#9;');
}

/**
 * JSON text safe to print anywhere and to embed in HTML: JSON.stringify leaves DEL, C1 controls,
 * U+2028/U+2029 and bidi controls raw (JSON allows them); they become `\uXXXX` escapes, which parse back
 * to the same string. Lone surrogates are already escaped by JSON.stringify.
 */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g, unicodeEscape);
}

/** Lone surrogates replaced by U+FFFD, as a UTF-8 encoder would: for APIs that reject them (encodeURIComponent). */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text in a Markdown table cell (GitHub-flavoured): unsafe characters visible, Markdown and HTML syntax
 * escaped so a message renders as the literal text, pipes escaped for the table, and `@` followed by a
 * zero-width space so a name in a finding never mentions a user or team in a pull-request comment.
 */
export function markdownText(text: string): string {
  return visible(text)
    .replace(/[\\`*_[\]~#!|()]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c] as string)
    .replace(/@/g, '@&#8203;');
}

/**
 * An inline code span in a Markdown table cell: the fence is one backtick longer than any run inside,
 * padded when the text starts or ends with a backtick, with pipes escaped for the table.
 */
export function markdownCode(text: string): string {
  const shown = visible(text).replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of shown.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/**
 * A finding's message for formats that carry one location: when the finding stands in a file that was
 * only context (its line to change is a module call or an overlay's patch), the linted files it was
 * reported for are named, so an annotation on a pull request says why it appears.
 */
export function messageWithContext(finding: { readonly message: string; readonly reportedFor?: readonly string[] }): string {
  if (!finding.reportedFor || finding.reportedFor.length === 0) return finding.message;
  return `${finding.message} (reported for ${finding.reportedFor.join(', ')})`;
}
