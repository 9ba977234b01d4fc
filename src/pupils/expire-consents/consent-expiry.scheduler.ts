import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LedgerConfig } from '../../config/ledger-config';
import { LEADERSHIP, type Leadership } from '../../leadership/leadership';
import type { CommandMeta } from '../../ledger/command-handling/command-meta';
import { DomainError } from '../../ledger/domain/errors';
import { ReadModels } from '../../queries/read-models';
import { dueExpiries } from '../domain/expiry-policy';
import { PupilLedger } from '../pupil-ledger';

/**
 * Appends ConsentExpired for every consent that lapsed by itself, so downstream systems hear that
 * a photo may no longer be used. Safe to run twice, in two processes, or after downtime: the
 * decider announces each lapse once, at the moment it happened. On a shared store only the holder of
 * the `consent-expiry` lease runs the schedule.
 */
@Injectable()
export class ConsentExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('consent-expiry');
  private timer?: NodeJS.Timeout;
  private running: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly ledger: PupilLedger,
    private readonly models: ReadModels,
    private readonly config: LedgerConfig,
    @Inject(LEADERSHIP) private readonly leadership: Leadership,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.expiryMinutes <= 0) return;
    await this.leadership.hold('consent-expiry', {
      start: () => {
        void this.run();
        this.timer = setInterval(() => void this.run(), this.config.expiryMinutes * 60_000);
        this.timer.unref();
      },
      stop: () => clearInterval(this.timer),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running.catch(() => undefined);
  }

  /** One pass over every pupil; answers how many lapses it announced. */
  run(): Promise<number> {
    this.running = this.running.catch(() => 0).then(() => this.pass());
    return this.running;
  }

  private async pass(): Promise<number> {
    // Every pupil's consents as the log holds them now, from every instance: a lapse it cannot see
    // yet would wait for the next pass (the decider itself guards against announcing one twice).
    await this.models.syncWithLog();
    const now = this.ledger.door.now();
    const meta: CommandMeta = {
      actor: { id: 'consent-expiry', role: 'system' },
      correlationId: this.ledger.door.newId(),
      causationId: null,
      idempotency: null,
    };
    let announced = 0;
    // A page at a time: a board's every pupil need not be in memory at once.
    for (const page of this.models.pupilPages()) {
      for (const pupil of page) {
        for (const lapse of dueExpiries(pupil, now)) {
          try {
            await this.ledger.handle(pupil.pupilId as string, { ...meta, causationId: lapse.eventId }, () => ({
              type: 'ExpireConsent',
              pupilId: pupil.pupilId as string,
              consentEventId: lapse.eventId,
            }));
            announced++;
          } catch (e) {
            // A dossier destroyed or a consent changed meanwhile: the next pass judges it anew.
            if (!(e instanceof DomainError)) throw e;
          }
        }
      }
    }
    if (announced > 0) this.log.log(`announced ${announced} lapsed consent(s)`);
    return announced;
  }
}
