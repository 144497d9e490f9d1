/**
 * Async work started by a synchronous step (a real shell or CPython running a container's script,
 * loading pyodide). While a job is pending the world is frozen: virtual time does not advance and no
 * other work item runs. Results are applied strictly in job-start order, so how long a job takes in
 * real time never changes what happens in virtual time.
 */

export interface AsyncJob {
  seq: number;
  /** What it is, for messages: `python: default/wf-123/main`. */
  label: string;
  promise: Promise<unknown>;
  apply(value: unknown, error: unknown, failed: boolean): void;
}

export class AwaitingRuntimeError extends Error {
  constructor(readonly labels: string[]) {
    super(`awaiting runtime (${labels.join(', ')}): use runUntilSettledAsync / advanceAsync / stepAsync to drive a world whose containers run async work`);
    this.name = 'AwaitingRuntimeError';
  }
}

export class AsyncJobs {
  private jobs: AsyncJob[] = [];
  private seq = 0;

  /**
   * Start `run` now; `apply` receives its result (or error) when the driver drains, in start order.
   * `apply` runs synchronously in the engine and may start further jobs.
   */
  start<T>(label: string, run: () => Promise<T>, apply: (result: { ok: true; value: T } | { ok: false; error: unknown }) => void): void {
    let promise: Promise<unknown>;
    try {
      promise = run();
    } catch (error) {
      promise = Promise.reject(error);
    }
    // Never an unhandled rejection: the error is delivered through `apply`.
    promise.catch(() => {});
    this.jobs.push({
      seq: this.seq++,
      label,
      promise,
      apply: (value, error, failed) => apply(failed ? { ok: false, error } : { ok: true, value: value as T }),
    });
  }

  get pending(): number {
    return this.jobs.length;
  }

  labels(): string[] {
    return this.jobs.map((j) => j.label);
  }

  /** Await every pending job (and jobs their results start) and apply the results in start order. */
  async drain(): Promise<number> {
    let n = 0;
    while (this.jobs.length > 0) {
      const job = this.jobs[0]!;
      let value: unknown;
      let error: unknown;
      let failed = false;
      try {
        value = await job.promise;
      } catch (e) {
        error = e;
        failed = true;
      }
      this.jobs.shift();
      job.apply(value, error, failed);
      n++;
    }
    return n;
  }

  /** A restored world starts with no jobs in flight (their effects were not applied). */
  clear(): void {
    this.jobs = [];
  }
}
