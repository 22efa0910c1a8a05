/**
 * The cancellation every provider handler receives. StopProvider aborts the current signal
 * (cancelling all in-flight work) and installs a fresh one, so later calls can still run.
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
}

export class StopRequestedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "AbortError";
  }
}
