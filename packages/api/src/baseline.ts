import { writeFileAtomic } from './fs/atomic-write.js';
import { readSmallTextFile } from './fs/read-text.js';
import type { FileResult, Finding } from '@nospof/core';

export const BASELINE_FILE = '.nospof-baseline.json';

interface BaselineEntry {
  readonly rule: string;
  readonly file: string;
  /** The resource identity, or the message for findings that have none (they have no better key). */
  readonly key: string;
}

interface BaselineDocument {
  readonly version: 1;
  readonly findings: readonly BaselineEntry[];
}

/**
 * Accepted findings, keyed by rule + file + resource rather than by line, so they survive edits around
 * them. A later run reports only what is not in the baseline.
 */
export class Baseline {
  private readonly counts = new Map<string, number>();

  constructor(entries: readonly BaselineEntry[]) {
    for (const e of entries) this.counts.set(keyOf(e), (this.counts.get(keyOf(e)) ?? 0) + 1);
  }

  static read(path: string): Baseline {
    let doc: Partial<BaselineDocument>;
    try {
      doc = JSON.parse(readSmallTextFile(path, 64 * 1024 * 1024)) as Partial<BaselineDocument>;
    } catch (error) {
      throw new Error(error instanceof SyntaxError ? 'not valid JSON' : (error as Error).message);
    }
    const valid =
      doc.version === 1 &&
      Array.isArray(doc.findings) &&
      doc.findings.every((e) => typeof e === 'object' && e !== null && typeof e.rule === 'string' && typeof e.file === 'string' && typeof e.key === 'string');
    if (!valid) throw new Error('not a nospof baseline (version 1)');
    return new Baseline(doc.findings as BaselineEntry[]);
  }

  static write(path: string, results: readonly FileResult[]): number {
    const entries = results
      .flatMap((r) => r.findings.filter((f) => !f.suppressed).map((f) => entryOf(f)))
      .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    const doc: BaselineDocument = { version: 1, findings: entries };
    writeFileAtomic(path, `${JSON.stringify(doc, null, 2)}\n`);
    return entries.length;
  }

  /** Marks findings the baseline accepts as suppressed; each entry accepts one finding. */
  apply(results: readonly FileResult[]): FileResult[] {
    const remaining = new Map(this.counts);
    return results.map((r) => ({
      ...r,
      findings: r.findings.map((f): Finding => {
        if (f.suppressed) return f;
        const key = keyOf(entryOf(f));
        const left = remaining.get(key) ?? 0;
        if (left === 0) return f;
        remaining.set(key, left - 1);
        return { ...f, suppressed: { reason: 'accepted in the baseline', source: 'baseline' } };
      }),
    }));
  }
}

function entryOf(f: Finding): BaselineEntry {
  return { rule: f.ruleId, file: f.file, key: f.resource ?? f.message };
}

function keyOf(e: BaselineEntry): string {
  return `${e.rule}\u0000${e.file}\u0000${e.key}`;
}
