/**
 * Matches `*` wildcards only (label patterns in options); case-insensitive. No regular expression: the
 * classic two-pointer walk backtracks only to the last `*`, so it is linear in the text for a fixed pattern.
 */
export function globMatch(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] !== '*' && p[pi] === t[ti]) {
      pi += 1;
      ti += 1;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi;
      pi += 1;
      mark = ti;
    } else if (star !== -1) {
      pi = star + 1;
      mark += 1;
      ti = mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi += 1;
  return pi === p.length;
}

/** Words of an agent label: `linux-arm64-spot` -> linux, arm64, spot. */
export function labelWords(label: string): string[] {
  return label.split(/[-_.:/@+=]/).filter((w) => w.length > 0);
}

/** A pattern matches the whole label or one of its words: `spot` matches `linux-spot`, not `linux-nonspot`. */
export function labelMatches(pattern: string, label: string): boolean {
  return globMatch(pattern, label) || labelWords(label).some((w) => globMatch(pattern, w));
}
