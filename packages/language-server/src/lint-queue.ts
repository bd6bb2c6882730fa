/**
 * When the server lints: one pass at a time over everything that changed since the last pass, so a burst
 * of keystrokes, saves and file events is linted once. `debounce` waits for a pause in typing (each call
 * restarts the wait); `soon` runs the next pass as soon as the event loop is free (an open, a save,
 * indexing progress). A request made while a pass runs starts another pass after it.
 */
export class LintQueue {
  private debounceTimer: NodeJS.Timeout | undefined;
  private soonTimer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private disposed = false;

  constructor(private readonly pass: () => Promise<void>) {}

  /** A pass is running or about to (a debounce wait for typing to pause does not count). */
  get busy(): boolean {
    return this.running || this.soonTimer !== undefined;
  }

  /** Typing has not paused long enough yet: a pass will follow. */
  get waiting(): boolean {
    return this.debounceTimer !== undefined;
  }

  soon(): void {
    if (this.disposed || this.soonTimer) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = undefined;
      this.run();
    }, 0);
  }

  debounce(delayMs: number): void {
    if (this.disposed) return;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = undefined;
      this.run();
    }, delayMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    if (this.soonTimer) clearTimeout(this.soonTimer);
  }

  private run(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.pass().finally(() => {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.run();
      }
    });
  }
}
