/**
 * Debounces lint runs per document: a newer change restarts the wait, so only the last state of a burst
 * of keystrokes is linted. Runs never overlap because each one is synchronous once it starts.
 */
export class LintScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly run: (key: string) => Promise<void>) {}

  schedule(key: string, delayMs: number): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      void this.run(key);
    }, delayMs);
    this.timers.set(key, timer);
  }

  cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
