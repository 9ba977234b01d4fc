/**
 * Commands of this process on one stream take turns (issue 13): a second command on a pupil waits
 * for the first instead of racing it into a conflict. Between processes, the expected revision of
 * every append stays the guard (rule 6). A command on several streams takes them in name order, so
 * two such commands never wait for each other in a circle.
 */
export class StreamQueue {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(streams: readonly string[], work: () => Promise<T>): Promise<T> {
    const releases: (() => void)[] = [];
    try {
      for (const stream of [...new Set(streams)].sort()) releases.push(await this.turn(stream));
      return await work();
    } finally {
      for (const release of releases) release();
    }
  }

  /** How many streams have a command running or waiting (for tests and metrics). */
  get busy(): number {
    return this.tails.size;
  }

  private async turn(stream: string): Promise<() => void> {
    const before = this.tails.get(stream) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    this.tails.set(stream, tail);
    await before;
    return () => {
      release();
      // The last in line leaves no entry behind: the map holds only streams in use.
      if (this.tails.get(stream) === tail) this.tails.delete(stream);
    };
  }
}
