import { SingleBar } from 'cli-progress';
import type { Io } from './io';

/** A bar with events per second on a terminal; silence where nobody watches (pipes, CI, tests). */
export const progressBar = (io: Io, total: number) => {
  if (!io.tty) return { update: (_: number) => undefined, stop: () => undefined };
  const started = Date.now();
  const bar = new SingleBar({
    format: 'replay |{bar}| {value}/{total} events | {speed} events/s | eta {eta}s',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(total, 0, { speed: 0 });
  return {
    update: (seen: number) => bar.update(seen, { speed: Math.round(seen / Math.max((Date.now() - started) / 1000, 0.001)) }),
    stop: () => bar.stop(),
  };
};
