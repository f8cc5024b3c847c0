/**
 * Counts work that outlives its HTTP request (an SSE call is answered 202
 * and runs on), so a drain can wait for it.
 */
export class PendingCalls {
  private running = 0;
  private readonly waiters = new Set<() => void>();

  get count(): number {
    return this.running;
  }

  /** Counts one call; the returned function ends it and may be called more than once. */
  begin(): () => void {
    this.running++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.running--;
      if (this.running === 0) for (const wake of this.waiters) wake();
    };
  }

  /** True once no call is pending; false if `timeoutMs` passed first. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (drained: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(drained);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      timer.unref();
      this.waiters.add(wake);
    });
  }
}
