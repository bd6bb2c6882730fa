/** Deterministic pseudo-random numbers in [0, 1). */
export function seeded(seed: number): () => number;
export function median(fn: () => void, runs?: number): number;
export function mb(bytes: number): number;
