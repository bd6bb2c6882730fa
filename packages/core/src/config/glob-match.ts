/**
 * A glob matcher without backtracking regular expressions. Globs come from configuration that a pull
 * request may write (`*a*a*a*a*a*a*a*a*a*a*b` makes a regex engine backtrack for minutes), so matching
 * is the classic two-pointer wildcard algorithm: at most pattern length x text length steps, per path
 * segment and across segments for `**`.
 *
 * Syntax: `*` (any run of characters in one segment), `?` (one character), `[abc]`, `[a-z]`, `[!a]`/`[^a]`,
 * `**` as a whole segment (any number of segments), `{a,b}` alternatives (expanded, at most
 * `MAX_EXPANSIONS`), `\` escapes. Dot files match like any other file.
 */

type Token =
  | { readonly kind: 'literal'; readonly char: string }
  | { readonly kind: 'one' }
  | { readonly kind: 'star' }
  | { readonly kind: 'class'; readonly negated: boolean; readonly items: readonly (readonly [string, string])[] };

type Segment = { readonly kind: 'globstar' } | { readonly kind: 'tokens'; readonly tokens: readonly Token[] };

export const MAX_EXPANSIONS = 256;
export const MAX_GLOB_LENGTH = 1024;

/** Why a glob cannot be used, or undefined when it can. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_GLOB_LENGTH) return `a glob longer than ${MAX_GLOB_LENGTH} characters`;
  if (/[@!+*?]\(/.test(pattern)) return 'extended globs such as @(a|b) are not supported; use {a,b}';
  if (expandBraces(pattern) === undefined) return `more than ${MAX_EXPANSIONS} alternatives after expanding {…}`;
  return undefined;
}

/** Compiles a glob to a predicate over `/`-separated paths. An unusable glob matches nothing. */
export function compileGlob(pattern: string): (path: string) => boolean {
  if (globProblem(pattern) !== undefined) return () => false;
  const alternatives = (expandBraces(pattern) ?? []).map(parsePattern);
  return (path) => {
    const parts = path.split('/');
    return alternatives.some((segments) => matchSegments(segments, parts));
  };
}

/** `{a,b}` alternatives expanded, nested ones too; undefined when there would be too many. */
function expandBraces(pattern: string): string[] | undefined {
  let results = [''];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i] as string;
    if (char === '\\' && i + 1 < pattern.length) {
      results = results.map((r) => r + pattern.slice(i, i + 2));
      i += 2;
      continue;
    }
    if (char === '{') {
      const close = matchingBrace(pattern, i);
      if (close !== -1) {
        const options = splitTopLevel(pattern.slice(i + 1, close));
        if (options.length > 1) {
          const expanded: string[] = [];
          for (const option of options) {
            const inner = expandBraces(option);
            if (!inner) return undefined;
            for (const r of results) for (const o of inner) expanded.push(r + o);
            if (expanded.length > MAX_EXPANSIONS) return undefined;
          }
          results = expanded;
          i = close + 1;
          continue;
        }
      }
    }
    results = results.map((r) => r + char);
    i += 1;
  }
  return results;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function parsePattern(pattern: string): Segment[] {
  return pattern.split('/').map((part): Segment => (part === '**' ? { kind: 'globstar' } : { kind: 'tokens', tokens: parseSegment(part) }));
}

function parseSegment(part: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < part.length; i++) {
    const c = part[i] as string;
    if (c === '\\' && i + 1 < part.length) {
      tokens.push({ kind: 'literal', char: part[++i] as string });
    } else if (c === '*') {
      // `a**b` inside a segment means the same as `a*b`.
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') {
      tokens.push({ kind: 'one' });
    } else if (c === '[') {
      const parsed = parseClass(part, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else tokens.push({ kind: 'literal', char: c });
    } else tokens.push({ kind: 'literal', char: c });
  }
  return tokens;
}

function parseClass(part: string, open: number): { token: Token; end: number } | undefined {
  let i = open + 1;
  const negated = part[i] === '!' || part[i] === '^';
  if (negated) i++;
  const items: [string, string][] = [];
  let first = true;
  for (; i < part.length; i++) {
    const c = part[i] as string;
    if (c === ']' && !first) return { token: { kind: 'class', negated, items }, end: i };
    first = false;
    const from = c === '\\' && i + 1 < part.length ? (part[++i] as string) : c;
    if (part[i + 1] === '-' && i + 2 < part.length && part[i + 2] !== ']') {
      items.push([from, part[i + 2] as string]);
      i += 2;
    } else items.push([from, from]);
  }
  return undefined;
}

function tokenMatches(token: Token, char: string): boolean {
  switch (token.kind) {
    case 'literal':
      return token.char === char;
    case 'one':
      return true;
    case 'class': {
      const inside = token.items.some(([from, to]) => char >= from && char <= to);
      return inside !== token.negated;
    }
    case 'star':
      return false;
  }
}

/** Wildcard match of one segment: greedy, resuming from the last `*` on a mismatch (no recursion). */
function matchTokens(tokens: readonly Token[], text: string): boolean {
  let t = 0;
  let s = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (s < text.length) {
    const token = tokens[t];
    if (token && token.kind !== 'star' && tokenMatches(token, text[s] as string)) {
      t++;
      s++;
    } else if (token?.kind === 'star') {
      starAt = t++;
      resumeAt = s;
    } else if (starAt !== -1) {
      t = starAt + 1;
      s = ++resumeAt;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

/** The same algorithm one level up: `**` is the star, segments are the characters. */
function matchSegments(segments: readonly Segment[], parts: readonly string[]): boolean {
  let g = 0;
  let p = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (p < parts.length) {
    const segment = segments[g];
    if (segment && segment.kind === 'tokens' && matchTokens(segment.tokens, parts[p] as string)) {
      g++;
      p++;
    } else if (segment?.kind === 'globstar') {
      starAt = g++;
      resumeAt = p;
    } else if (starAt !== -1) {
      g = starAt + 1;
      p = ++resumeAt;
    } else return false;
  }
  while (segments[g]?.kind === 'globstar') g++;
  return g === segments.length;
}
