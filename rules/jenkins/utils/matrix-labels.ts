import { known } from '@nospof/core';
import type { Value } from '@nospof/core';
import type { Agent, Matrix } from '@nospof/jenkins';

/** More combinations than this are not expanded (the label stays unknown). */
const maxCombinations = 64;

/**
 * The labels a matrix agent asks for, one per combination of the axes its `${AXIS}` placeholders name:
 * `"${PLATFORM}-agent"` over `PLATFORM: linux, mac` is `linux-agent` and `mac-agent`. Undefined when a
 * placeholder is not an axis, an axis value is unknown, or `excludes` removes combinations.
 */
export function matrixLabels(agent: Agent): Value<string>[] | undefined {
  const matrix = agent.parent;
  const source = agent.labelSource;
  if (matrix?.type !== 'Matrix' || source?.type !== 'StringLiteral' || source.interpolations.length === 0) return undefined;
  const { axes, hasExcludes } = matrix as Matrix;
  if (hasExcludes) return undefined;
  const values = new Map<string, string[]>();
  for (const axis of axes) {
    if (!axis.name.known || !axis.values.every((v) => v.known)) continue;
    values.set(axis.name.value, axis.values.map((v) => (v.known ? v.value : '')));
  }
  const names = source.interpolations.map((i) => i.source.trim().replace(/^env\./, ''));
  if (!names.every((n) => values.has(n))) return undefined;
  let combinations: Record<string, string>[] = [{}];
  for (const name of new Set(names)) {
    combinations = combinations.flatMap((c) => (values.get(name) ?? []).map((v) => ({ ...c, [name]: v })));
    if (combinations.length > maxCombinations) return undefined;
  }
  const labels = new Set<string>();
  for (const combination of combinations) {
    let text = source.value;
    for (const interpolation of source.interpolations) {
      const written = interpolation.simple ? `$${interpolation.source}` : `\${${interpolation.source}}`;
      text = text.replace(written, combination[interpolation.source.trim().replace(/^env\./, '')] ?? '');
    }
    labels.add(text);
  }
  return [...labels].map((label) => known(label, source.range));
}
