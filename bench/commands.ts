import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandMeta } from '../src/ledger/command-handling/command-meta';
import { GiveConsentCommand } from '../src/pupils/give-consent/give-consent.command';
import { Prng } from './prng';
import { hrMs, percentile } from './stats';

export interface Throughput {
  readonly writers: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly completed: number;
  readonly failed: number;
}

const META: CommandMeta = { actor: { id: 'bench', role: 'registrar' }, correlationId: 'bench', causationId: null, idempotency: null };

/**
 * Acknowledged commands through the command bus: each a consent with a new notice version, so every
 * one reads its pupil's stream, folds, decides and appends one event durably.
 */
export const measureCommandBus = async (app: INestApplication, pupilIds: readonly string[], writers: number, seconds: number): Promise<Throughput> => {
  const bus = app.get(CommandBus);
  const prng = new Prng(writers * 31);
  const latencies: number[] = [];
  let failed = 0;
  let seq = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (Date.now() < deadline) {
        const pupilId = prng.pick(pupilIds);
        const n = seq++;
        const t = process.hrtime.bigint();
        try {
          await bus.execute(
            new GiveConsentCommand(
              { pupilId, purpose: 'share-printer', guardianId: `${pupilId}-g1`, noticeVersion: `bench-${writers}-${n}`, channel: 'paper' },
              META,
            ),
          );
          latencies.push(hrMs(t));
        } catch {
          failed++;
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  return {
    writers,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    completed: latencies.length,
    failed,
  };
};
