import type { Step } from './model.js';

/** Inputs of wrapper actions (retry, github-script, ssh) that hold a script. */
const SCRIPT_INPUTS = new Set(['script', 'command', 'run', 'shell-command', 'args', 'cmd']);

/** Memo slot the model's steps carry (see build/step.ts): cheaper than a WeakMap keyed by step. */
interface Memo {
  scriptCache?: string | undefined;
}

/** The script text a step runs: `run:`, or the script a wrapper action takes. */
export function stepScript(step: Step): string {
  const memo = step as Step & Memo;
  if (memo.scriptCache === undefined) {
    const parts: string[] = [];
    if (step.run) parts.push(step.run.text.text);
    for (const arg of step.with) if (SCRIPT_INPUTS.has(arg.name)) parts.push(arg.value.text);
    memo.scriptCache = parts.join('\n');
  }
  return memo.scriptCache;
}
