import type { LintProgress } from '@nospof/api';

/** Where the progress line goes: a terminal's stderr only. */
export interface ProgressTerminal {
  readonly stderr: (text: string) => void;
  readonly stderrIsTTY?: boolean;
}

/**
 * A progress line on a terminal's stderr — files read, deployment units judged — shown only once a run
 * has taken more than a second, redrawn at most ten times a second, and wiped when the run ends, so
 * quick runs and logs (no terminal) never see it.
 */
export function progressLine(io: ProgressTerminal, now: () => number = Date.now): { update?: (progress: LintProgress) => void; finish: () => void } {
  if (!io.stderrIsTTY) return { finish: () => undefined };
  const started = now();
  let shown = false;
  let last = 0;
  return {
    update: ({ files, units }) => {
      const at = now();
      if (at - started < 1000 || at - last < 100) return;
      last = at;
      shown = true;
      const judged = units.total > 0 ? `, ${units.done}/${units.total} units judged` : '';
      io.stderr(`\r\u001b[Knospof: ${files.done}/${files.total} files read${judged}`);
    },
    finish: () => {
      if (shown) io.stderr('\r\u001b[K');
    },
  };
}
