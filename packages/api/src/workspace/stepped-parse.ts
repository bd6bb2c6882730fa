import { cpuMs, type Slicer } from './slicer.js';

/** Files at least this large are parsed in steps the first time they are read. */
export const STEPPED_PARSE_BYTES = 256 * 1024;
/** Text added per step, at least: one document or more. */
const STEP_BYTES = 32 * 1024;

/**
 * Where a YAML stream may be cut so that the part before the cut parses as it does in the whole file:
 * the start of each line holding a `---` document marker (a marker at the start of a line cannot occur
 * inside a document). Cuts are at least `stepBytes` apart. A stream with directives (`%YAML`) is not cut:
 * a directive belongs to the document after its marker.
 */
export function documentCuts(text: string, stepBytes = STEP_BYTES): number[] {
  if (text.startsWith('%') || text.includes('\n%')) return [];
  const cuts: number[] = [];
  let last = 0;
  for (let at = text.indexOf('\n---'); at !== -1; at = text.indexOf('\n---', at + 4)) {
    const after = text[at + 4];
    if (after !== undefined && after !== '\n' && after !== '\r' && after !== ' ' && after !== '\t') continue;
    const cut = at + 1;
    if (cut - last < stepBytes) continue;
    cuts.push(cut);
    last = cut;
  }
  return cuts;
}

/**
 * Parses a large YAML stream one run of documents at a time, yielding to the event loop between steps:
 * each step parses a longer prefix of the text, and a parser that keeps the documents it read before
 * (the YAML reader does, as it does for every keystroke) reads only the documents the step adds. The
 * caller then parses the whole text, which reads only the last documents. When a step costs much more
 * than the text it adds (a parser that reads everything again), stepping stops: the rest is parsed at once.
 * Returns the number of steps taken.
 */
export async function parseInSteps(parsePrefix: (prefix: string) => void, text: string, slicer: Slicer, cuts = documentCuts(text)): Promise<number> {
  let msPerChar: number | undefined;
  let previous = 0;
  let steps = 0;
  // Reading the file was work too: the first step starts a slice of its own.
  await slicer.pause();
  for (const cut of cuts) {
    const started = cpuMs();
    parsePrefix(text.slice(0, cut));
    const took = cpuMs() - started;
    steps++;
    const added = cut - previous;
    previous = cut;
    if (msPerChar === undefined) msPerChar = took / cut;
    else if (took > 3 * msPerChar * added + 10) return steps;
    await slicer.yield();
  }
  return steps;
}
