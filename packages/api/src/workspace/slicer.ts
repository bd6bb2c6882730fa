/** Work between yields to the event loop: a few milliseconds, so an editor's requests are served meanwhile. */
export const SLICE_MS = 8;
/** The longest a slice waits for the host's own work (a lint the user waits for) before going on. */
const MAX_WAIT_MS = 250;

/**
 * Cuts long work into slices of about `sliceMs`: `pause()` yields to the event loop once a slice is used
 * up, so messages that arrived meanwhile (a keystroke, a code-action request) are handled before the next
 * slice. A yield takes two turns of the event loop: messages read in the first are handled before the
 * work resumes, and the timers they set (a lint) run first too. While `hostBusy` says the host is serving
 * the user (a lint pass waiting on the client), the next slice waits, up to a quarter of a second.
 */
export class Slicer {
  private sliceStart = performance.now();
  private sliceCpu = cpuMs();
  /** The longest slice so far in CPU milliseconds: how long a request may have waited for the work. */
  longestSliceMs = 0;

  constructor(
    readonly sliceMs = SLICE_MS,
    private readonly hostBusy: () => boolean = () => false,
  ) {}

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
    this.longestSliceMs = Math.max(this.longestSliceMs, cpuMs() - this.sliceCpu);
    await immediate();
    await immediate();
    const waitStart = performance.now();
    while (this.hostBusy() && performance.now() - waitStart < MAX_WAIT_MS) await sleep(2);
    this.sliceStart = performance.now();
    this.sliceCpu = cpuMs();
  }
}

/** CPU time of this process: unlike wall time, it does not grow when other processes compete for the CPUs. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function immediate(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
