/**
 * A problem with what the caller asked for (an option, a path, a variables file), as opposed to a finding
 * in the code. Hosts show the message and stop: the CLI exits 2.
 */
export class NospofUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NospofUsageError';
  }
}

/** Paths or patterns that matched no file nospof reads: a gate that checked nothing must not pass. */
export class NoFilesError extends NospofUsageError {
  /** `passedOver`: files a language claimed by name but did not read, and why (an unrendered Helm template). */
  constructor(
    readonly patterns: readonly string[],
    passedOver?: string,
  ) {
    super(
      `${
        patterns.length === 1
          ? `no file nospof reads matches "${patterns[0]}" (use --no-error-on-unmatched-pattern to allow it)`
          : `no file nospof reads matches ${patterns.map((p) => `"${p}"`).join(', ')} (use --no-error-on-unmatched-pattern to allow it)`
      }${passedOver === undefined ? '' : `; ${passedOver}`}`,
    );
    this.name = 'NoFilesError';
  }
}
