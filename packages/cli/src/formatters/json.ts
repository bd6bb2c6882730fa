import type { Formatter } from './types.js';

/** Every finding, suppressed ones included, with full ranges, fixes and related locations. */
export const json: Formatter = (results) =>
  `${JSON.stringify(
    results.map((r) => ({ file: r.file, language: r.language ?? null, findings: r.findings })),
    null,
    2,
  )}\n`;
