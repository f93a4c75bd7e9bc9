/**
 * At most `limit` writes in flight. Each write waits mostly on fsync, so a few
 * at a time keep the disk busy (a journaling file system commits them together)
 * without holding many files open. A failure stops new writes and is raised
 * once the ones in flight have settled.
 */
export interface BoundedWriter {
  /** Start `write`, after waiting while `limit` writes are in flight; throws the first failure seen. */
  add(write: () => Promise<void>): Promise<void>;
  /** Wait for every write; throws the first failure. */
  drain(): Promise<void>;
  /** Wait for every write, ignoring failures. */
  idle(): Promise<void>;
}

export function boundedWriter(limit: number): BoundedWriter {
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const settle = async () => {
    await Promise.allSettled(inFlight);
    if (failure) throw failure.error;
  };
  return {
    async add(write) {
      if (failure) return settle();
      while (inFlight.size >= limit) await Promise.race(inFlight);
      if (failure) return settle();
      const running: Promise<void> = write().then(
        () => {
          inFlight.delete(running);
        },
        (error: unknown) => {
          inFlight.delete(running);
          failure ??= { error };
        },
      );
      inFlight.add(running);
    },
    drain: settle,
    async idle() {
      await Promise.allSettled(inFlight);
    },
  };
}
