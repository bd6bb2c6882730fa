/** Work between yields to the event loop: a few milliseconds, so an editor's requests are served meanwhile. */
export const SLICE_MS = 8;

/**
 * Cuts long work into slices of about `sliceMs`: `pause()` yields to the event loop once a slice is used
 * up, so messages that arrived meanwhile (a keystroke, a code-action request) are handled before the next
 * slice. `setImmediate` runs after pending I/O, so a request waiting on stdin is read first.
 */
export class Slicer {
  private sliceStart = performance.now();

  constructor(readonly sliceMs = SLICE_MS) {}

  /** True when the current slice is used up. */
  get due(): boolean {
    return performance.now() - this.sliceStart >= this.sliceMs;
  }

  /** Yields if the slice is used up. */
  async pause(): Promise<void> {
    if (this.due) await this.yield();
  }

  /** Yields now and starts a new slice. */
  async yield(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}
