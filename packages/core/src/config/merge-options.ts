function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeValue(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (isPlainObject(base) && isPlainObject(over)) {
    const result: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) result[key] = mergeValue(base[key], value);
    return result;
  }
  return over;
}

/** Layers option tuples position by position; objects merge deeply so a user's `{min: 3}` keeps other defaults. */
export function mergeOptions(...layers: readonly (readonly unknown[] | undefined)[]): unknown[] {
  const length = Math.max(0, ...layers.map((l) => l?.length ?? 0));
  const result: unknown[] = [];
  for (let i = 0; i < length; i++) {
    let value: unknown = undefined;
    for (const layer of layers) value = mergeValue(value, layer?.[i]);
    result.push(value);
  }
  return result;
}

export function mergeSettings(
  base: Readonly<Record<string, unknown>>,
  over: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  return mergeValue(base, over ?? {}) as Record<string, unknown>;
}
