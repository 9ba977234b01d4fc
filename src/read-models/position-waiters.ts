interface Waiter {
  readonly target: string;
  readonly timer: NodeJS.Timeout | null;
  resolve(position: string | null): void;
  reject(error: unknown): void;
}

/**
 * The position the read models reached, and who waits for one: each waiter until its target is
 * reached or its time is up, whichever comes first. Positions are ordered by the store's own
 * comparison (they are opaque strings).
 */
export class PositionWaiters {
  private reached: string | null = null;
  private waiters: Waiter[] = [];

  constructor(private readonly compare: (a: string, b: string) => number) {}

  get position(): string | null {
    return this.reached;
  }

  private holds(target: string): boolean {
    return this.reached !== null && this.compare(this.reached, target) >= 0;
  }

  /**
   * Resolves with the position reached once it is at or past `target` (null: at once), or after
   * `withinMs` milliseconds (Infinity: never) with what it is then.
   */
  waitFor(target: string | null, withinMs: number): Promise<string | null> {
    if (target === null || this.holds(target) || withinMs <= 0) return Promise.resolve(this.reached);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        target,
        resolve,
        reject,
        timer: Number.isFinite(withinMs)
          ? setTimeout(() => {
              this.waiters = this.waiters.filter((w) => w !== waiter);
              resolve(this.reached);
            }, withinMs)
          : null,
      };
      // A waiter never keeps the process alive on its own.
      waiter.timer?.unref();
      this.waiters.push(waiter);
    });
  }

  /** The read models reached `position`: every waiter it satisfies is answered. */
  reach(position: string | null): void {
    this.reached = position;
    if (position === null) return;
    this.waiters = this.waiters.filter((w) => {
      if (!this.holds(w.target)) return true;
      if (w.timer) clearTimeout(w.timer);
      w.resolve(position);
      return false;
    });
  }

  /** A batch failed (or the read models closed): every waiter hears why. */
  rejectAll(error: unknown): void {
    for (const w of this.waiters.splice(0)) {
      if (w.timer) clearTimeout(w.timer);
      w.reject(error);
    }
  }
}
