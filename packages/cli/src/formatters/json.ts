import { safeJson } from './escape.js';
import type { Formatter } from './types.js';

/** Every finding, suppressed ones included, with full ranges, fixes and related locations. */
export const json: Formatter = (results) =>
  `${safeJson(
    results.map((r) => ({ file: r.file, language: r.language ?? null, findings: r.findings })),
    2,
  )}\n`;
