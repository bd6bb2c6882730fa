const identStartPattern = /[\p{L}\p{Nl}_$]/u;
const identPartPattern = /[\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}_$]/u;

export function isIdentStart(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 36;
  return identStartPattern.test(String.fromCharCode(code));
}

export function isIdentPart(code: number): boolean {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
  }
  return identPartPattern.test(String.fromCharCode(code));
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/** Blanks other than line breaks (which end statements in Groovy). */
export function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 12 || code === 11 || code === 0xfeff || code === 0xa0;
}

/** Keywords after which an expression (and so a slashy string) may start. */
export const regexAfterKeywords: ReadonlySet<string> = new Set([
  'return', 'case', 'in', 'instanceof', 'as', 'assert', 'throw', 'else', 'new', 'yield', 'if', 'while', 'for',
]);

/** Operators and punctuation, longest first within each leading character. */
export const punctuators: readonly string[] = [
  '>>>=', '<=>', '===', '!==', '**=', '<<=', '>>=', '>>>', '...', '..<', '==~', '?.@',
  '==', '!=', '<=', '>=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '?=',
  '<<', '>>', '**', '->', '?.', '*.', '.&', '.@', '?:', '=~', '::', '..',
  '{', '}', '(', ')', '[', ']', ';', ',', '.', ':', '?', '=', '<', '>', '!', '~', '+', '-', '*', '/', '%',
  '&', '|', '^', '@',
];

const byFirst = new Map<string, string[]>();
for (const p of punctuators) {
  const list = byFirst.get(p[0] as string) ?? [];
  list.push(p);
  byFirst.set(p[0] as string, list);
}
for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);

export function matchPunctuator(text: string, offset: number): string | undefined {
  const candidates = byFirst.get(text[offset] ?? '');
  if (!candidates) return undefined;
  for (const p of candidates) if (text.startsWith(p, offset)) return p;
  return undefined;
}
