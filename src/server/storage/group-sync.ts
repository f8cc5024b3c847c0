/**
 * Group commit for one fsync target: a caller is done once a sync that
 * *started after it asked* has finished. Callers arriving while a sync runs
 * all share the next one, so N concurrent writers cost about two fsyncs, not N.
 */
export class GroupSync {
  private running?: Promise<void>;
  private next?: Promise<void>;

  constructor(private readonly syncOnce: () => Promise<void>) {}

  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.syncOnce().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    // The running sync may have started before our change: wait for the next.
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.sync();
      });
    return this.next;
  }
}
