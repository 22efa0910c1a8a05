/**
 * The cancellation every provider handler receives. StopProvider aborts the current signal
 * (cancelling all in-flight work) and installs a fresh one, so later calls can still run.
 *
 * One exception, `afterGrace`: a create whose request is already out must be allowed to hear the
 * answer, which carries the new object's id. Cut short, the object would exist in the API but
 * not in the state, and the next apply would create it a second time (the Admin API has no
 * idempotency keys). Terraform waits for in-flight operations after Ctrl-C anyway and starts no
 * new ones, so letting a create finish delays the exit by at most one create.
 */
export class StopSignal {
  private controller = new AbortController();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  stop(reason: string): void {
    const previous = this.controller;
    this.controller = new AbortController();
    previous.abort(new StopRequestedError(reason));
  }

  /**
   * A signal aborted `graceMs` after the next stop instead of at once (so a stuck create cannot
   * hold Terraform forever). Call `release` when the work is done.
   */
  afterGrace(graceMs: number): { signal: AbortSignal; release: () => void } {
    const stopped = this.controller.signal;
    const lenient = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const onStop = () => {
      timer = setTimeout(() => lenient.abort(stopped.reason), graceMs);
      timer.unref();
    };
    stopped.addEventListener("abort", onStop, { once: true });
    return {
      signal: lenient.signal,
      release: () => {
        stopped.removeEventListener("abort", onStop);
        clearTimeout(timer);
      },
    };
  }
}

export class StopRequestedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "AbortError";
  }
}
