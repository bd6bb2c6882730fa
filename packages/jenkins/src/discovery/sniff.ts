/**
 * What the first bytes of a `.groovy` file say it is:
 * - `pipeline`: code outside any class or method declares `pipeline { }`, allocates `node` or a
 *   `podTemplate`, or loads a shared library with `@Library`;
 * - `script`: a file made to be `load`ed (its code ends with `return this`);
 * - `library`: a class file (`package` first), or code that ended without any of the above;
 * - `undecided`: the head ended (in a licence header, say) before the code said anything.
 */
export type GroovySniff = 'pipeline' | 'script' | 'library' | 'undecided';

/**
 * Hosts pass at least this many characters of a longer file (the linter passes 512, the CLI 1024 bytes):
 * a head this long may have been cut, so running out of it proves nothing.
 */
export const SNIFF_CUT_HINT = 500;

/** Statement openers whose braces hold declarations, not code that runs where it is written. */
const declarationWords: ReadonlySet<string> = new Set([
  'def', 'void', 'class', 'interface', 'enum', 'trait', 'static', 'private', 'public', 'protected', 'abstract', 'final',
  'synchronized', 'record',
]);

function isIdentStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 36 || code > 127;
}

function isIdentPart(code: number): boolean {
  return isIdentStart(code) || (code >= 48 && code <= 57);
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

/**
 * One pass over `head`, each character looked at a bounded number of times: comments and strings are
 * skipped, braces tracked so markers count only outside class and method bodies.
 */
export function sniffGroovy(head: string, cut = head.length >= SNIFF_CUT_HINT): GroovySniff {
  const text = head;
  const n = text.length;
  let i = 0;
  /** One flag per open brace: true when it (or a brace around it) opened a declaration. */
  const braces: boolean[] = [];
  let inDeclaration = 0;
  let parens = 0;
  let statementStart = true;
  let statementWord = '';
  let sawCode = false;
  let previous = '';
  /** `return this` at the top level with nothing after it (so far). */
  let returnsThis = false;
  let lastWord = '';

  /** Index of the next character that is not a blank or a comment (or `n`). */
  const skipBlanks = (from: number): number => {
    let k = from;
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) k += 1;
      else if (c === 47 && text.charCodeAt(k + 1) === 42) {
        const end = text.indexOf('*/', k + 2);
        k = end === -1 ? n : end + 2;
      } else if (c === 47 && text.charCodeAt(k + 1) === 47) {
        const end = text.indexOf('\n', k + 2);
        k = end === -1 ? n : end;
      } else break;
    }
    return k;
  };

  if (text.startsWith('#!')) {
    const end = text.indexOf('\n');
    i = end === -1 ? n : end;
  }
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (parens === 0) statementStart = true;
      i += 1;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12) {
      i += 1;
      continue;
    }
    if (c === 47 && (text.charCodeAt(i + 1) === 42 || text.charCodeAt(i + 1) === 47)) {
      i = skipBlanks(i);
      continue;
    }
    if (c === 39 || c === 34) {
      i = skipString(text, i);
      sawCode = true;
      previous = 'string';
      statementStart = false;
      if (braces.length === 0) returnsThis = false;
      continue;
    }
    if (isIdentStart(c)) {
      let end = i + 1;
      while (end < n && isIdentPart(text.charCodeAt(end))) end += 1;
      const word = text.slice(i, end);
      if (statementStart) {
        if (word === 'package' && !sawCode) return 'library';
        statementWord = word;
        statementStart = false;
      }
      sawCode = true;
      if (braces.length === 0) returnsThis = word === 'this' && lastWord === 'return';
      const outside = inDeclaration === 0 && previous !== '.';
      if (outside && isMarker(word, text, skipBlanks(end))) return 'pipeline';
      previous = 'word';
      lastWord = word;
      i = end;
      continue;
    }
    if (c === 64 /* @ */) {
      let end = i + 1;
      while (end < n && (isIdentPart(text.charCodeAt(end)) || text.charCodeAt(end) === 46)) end += 1;
      const name = text.slice(i + 1, end);
      if (name === 'Library' || name.endsWith('.Library')) return 'pipeline';
      sawCode = true;
      i = end;
      continue;
    }
    sawCode = true;
    if (braces.length === 0) returnsThis = false;
    lastWord = '';
    if (c === 123 /* { */) {
      const declaration = declarationWords.has(statementWord) || isUpper(statementWord.charCodeAt(0));
      braces.push(declaration);
      if (declaration) inDeclaration += 1;
      statementStart = true;
      statementWord = '';
      parens = 0;
    } else if (c === 125 /* } */) {
      if (braces.pop()) inDeclaration -= 1;
      statementStart = true;
      statementWord = '';
    } else if (c === 59 /* ; */) {
      statementStart = true;
    } else if (c === 40 || c === 91) {
      parens += 1;
    } else if ((c === 41 || c === 93) && parens > 0) {
      parens -= 1;
    }
    previous = text[i] as string;
    i += 1;
  }
  if (cut) return 'undecided';
  return returnsThis ? 'script' : 'library';
}

/** `pipeline {`, `node(`, `node {`, `node 'x'`, `podTemplate(`: a pipeline that runs where it is written. */
function isMarker(word: string, text: string, next: number): boolean {
  const c = text[next];
  if (word === 'pipeline') return c === '{';
  if (word === 'node') return c === '(' || c === '{' || c === "'" || c === '"';
  if (word === 'podTemplate') return c === '(' || c === '{';
  return false;
}

/** Offset after the string literal starting at `start` (single, double or triple quoted). */
function skipString(text: string, start: number): number {
  const quote = text[start] as string;
  if (text.startsWith(quote.repeat(3), start)) {
    const end = text.indexOf(quote.repeat(3), start + 3);
    return end === -1 ? text.length : end + 3;
  }
  let k = start + 1;
  while (k < text.length) {
    const c = text[k];
    if (c === '\\') k += 2;
    else if (c === quote) return k + 1;
    else if (c === '\n') return k;
    else k += 1;
  }
  return text.length;
}
