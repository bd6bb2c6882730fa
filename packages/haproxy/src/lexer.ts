/** One word of a configuration line, unquoted and unescaped, with its offsets in the file. */
export interface RawWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /**
   * True when HAProxy or a template engine fills the word in at load time (`"${BACKEND}"`, `{{ host }}`,
   * `<%= port %>`): its value is unknown to nospof.
   */
  readonly dynamic: boolean;
}

export interface LexedLine {
  readonly words: readonly RawWord[];
  /** Offsets of a `#` comment, marker included. */
  readonly comment?: { readonly start: number; readonly end: number };
  /** An unterminated quote: HAProxy rejects the line. */
  readonly error?: { readonly message: string; readonly start: number; readonly end: number };
}

const TEMPLATE_OPENERS = ['{{', '{%', '<%', '[%'];

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v';
}

/**
 * Splits one line the way HAProxy's configuration reader does: words separated by unquoted blanks,
 * `"..."` (environment variables expanded) and `'...'` (literal) quoting, backslash escapes, and `#`
 * starting a comment outside quotes. One pass over the line, no regular expression.
 */
export function lexLine(text: string, start: number, end: number): LexedLine {
  const words: RawWord[] = [];
  let i = start;
  let comment: LexedLine['comment'];
  let error: LexedLine['error'];
  while (i < end) {
    const ch = text[i];
    if (isBlank(ch)) {
      i++;
      continue;
    }
    if (ch === '#') {
      comment = { start: i, end };
      break;
    }
    const wordStart = i;
    let value = '';
    let dynamic = false;
    // Fast path: a plain word (no quote, escape or `$`) is a slice of the line.
    let plain = i;
    while (plain < end && !isBlank(text[plain]) && text[plain] !== '#' && text[plain] !== '"' && text[plain] !== "'" && text[plain] !== '\\' && text[plain] !== '$') plain++;
    if (plain === end || isBlank(text[plain]) || text[plain] === '#') {
      const word = text.slice(wordStart, plain);
      words.push({ text: word, start: wordStart, end: plain, dynamic: TEMPLATE_OPENERS.some((t) => word.includes(t)) });
      i = plain;
      continue;
    }
    while (i < end && !isBlank(text[i]) && text[i] !== '#') {
      const c = text[i] as string;
      if (c === '\\' && i + 1 < end) {
        value += text[i + 1];
        i += 2;
        continue;
      }
      if (c === '"' || c === "'") {
        const close = closingQuote(text, i + 1, end, c);
        if (close === -1) {
          error = { message: `unterminated ${c === '"' ? 'double' : 'single'} quote`, start: i, end };
          value += text.slice(i + 1, end);
          if (c === '"' && hasExpansion(text, i + 1, end)) dynamic = true;
          i = end;
          break;
        }
        const inner = text.slice(i + 1, close);
        if (c === '"') {
          if (hasExpansion(text, i + 1, close)) dynamic = true;
          value += unescapeDoubleQuoted(inner);
        } else {
          value += inner;
        }
        i = close + 1;
        continue;
      }
      if (c === '$' && (text[i + 1] === '{' || /[A-Za-z_]/.test(text[i + 1] ?? ''))) dynamic = true;
      value += c;
      i++;
    }
    if (!dynamic && TEMPLATE_OPENERS.some((t) => value.includes(t))) dynamic = true;
    words.push({ text: value, start: wordStart, end: i, dynamic });
  }
  return { words, ...(comment ? { comment } : {}), ...(error ? { error } : {}) };
}

function closingQuote(text: string, from: number, end: number, quote: string): number {
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === quote) return i;
  }
  return -1;
}

function hasExpansion(text: string, from: number, to: number): boolean {
  for (let i = from; i < to - 1; i++) if (text[i] === '$') return true;
  return false;
}

function unescapeDoubleQuoted(inner: string): string {
  if (!inner.includes('\\')) return inner;
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] as string;
    if (c === '\\' && i + 1 < inner.length) {
      out += inner[i + 1];
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/** True when a line is template syntax rather than configuration (`{% for h in hosts %}`, `{{ end }}`). */
export function isTemplateLine(words: readonly RawWord[]): boolean {
  const first = words[0]?.text ?? '';
  return TEMPLATE_OPENERS.some((t) => first.startsWith(t));
}
