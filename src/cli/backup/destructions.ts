import { toRecorded } from '../../audit/raw-to-recorded';
import type { RawEvent } from '../../core/hash-chain';
import { type IntegrationEvent, toIntegrationEvent } from '../../publishing/domain/integration-event';
import { ms, timeProblem } from '../../ledger/domain/time';

/**
 * The file that tells a restore which dossiers were destroyed after the backup: JSON Lines, one
 * integration event per line exactly as the topic carries it (the value of a `consent.events.v1`
 * message). `ledger destructions --since` writes the `dossier.destroyed` ones of a surviving
 * ledger; a dump of the topic from the backup's time on serves as well: lines of other types are
 * passed over, and so are blank lines and lines that start with `#`.
 */
export type DestroyedDossier = Extract<IntegrationEvent, { type: 'dossier.destroyed' }>;

const REASONS = ['retention_expired', 'erasure_request'];

/** Every `dossier.destroyed` integration event of the log recorded at or after `since` (UTC), in log order. */
export const destructionsSince = function* (log: Iterable<RawEvent>, since: string): Generator<DestroyedDossier> {
  const from = ms(since);
  for (const raw of log) if (raw.type === 'DossierDestroyed' && ms(raw.recordedAt) >= from) yield toIntegrationEvent(toRecorded(raw)) as DestroyedDossier;
};

/** Reads a destructions file; throws naming the line that is not what it must be. Answers the destructions and how many lines were passed over. */
export const parseDestructions = (text: string, name: string): { readonly destroyed: DestroyedDossier[]; readonly passedOver: number } => {
  const destroyed: DestroyedDossier[] = [];
  let passedOver = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const where = `${name}, line ${i + 1}`;
    let e: Record<string, unknown>;
    try {
      e = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`${where} is not JSON: each line must be one message value of the topic`);
    }
    if (typeof e?.type !== 'string') throw new Error(`${where} is not an integration event (it has no type)`);
    if (e.type !== 'dossier.destroyed') return void passedOver++;
    const bad = [
      typeof e.pupilId === 'string' && e.pupilId ? null : 'pupilId',
      REASONS.includes(e.reason as string) ? null : `reason (${REASONS.join(' or ')})`,
      typeof e.eventId === 'string' && e.eventId ? null : 'eventId',
      timeProblem('occurredAt', e.occurredAt) === null ? null : 'occurredAt',
    ].filter((b) => b !== null);
    if (bad.length > 0) throw new Error(`${where}: a dossier.destroyed without a valid ${bad.join(', ')}`);
    destroyed.push(e as unknown as DestroyedDossier);
  });
  return { destroyed, passedOver };
};
