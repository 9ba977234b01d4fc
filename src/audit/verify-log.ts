import type { KeyObject } from 'node:crypto';
import { PUPIL_EVENT_TYPES } from '../pupils/domain/pupil-events';
import { RECIPIENT_EVENT_TYPES } from '../recipients/domain/recipient-events';
import { CATALOGUE_EVENT_TYPES } from '../catalogue/domain/catalogue-events';
import { INTERNAL_EVENT_TYPES } from '../reads/domain/read-events';
import { type SignedCheckpoint, checkSignature } from './checkpoint';
import { GENESIS, type RawEvent, chainHash, merkleRoot } from '../core/hash-chain';
import type { KeptCheckpoint } from './kept-checkpoint';
import type { AuditSource } from '../core/ports/audit-log.port';

export interface VerifyProblem {
  readonly position: string;
  readonly eventId: string | null;
  readonly stream: string | null;
  readonly problem: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  readonly checkpoints: number;
  /** Checkpoints kept outside the log (the ledger's own copy, an auditor's) that were held against it. */
  readonly kept: number;
  readonly problems: readonly VerifyProblem[];
}

/** A checkpoint kept outside the log, with the key to check it by (null: its signature is not checked). */
export interface KeptSeal extends KeptCheckpoint {
  readonly publicKey: KeyObject | null;
  readonly keyName: string;
}

/** A checkpoint to hold the log against: the log's own, or one kept outside it. */
interface Seal {
  readonly c: SignedCheckpoint;
  readonly label: string;
  readonly key: KeyObject | null;
  readonly keyName: string;
}

export type { AuditSource } from '../core/ports/audit-log.port';

/** A source read in-process: events and checkpoints at hand, so the report is too. */
interface SyncAuditSource {
  rawEvents(): Iterable<RawEvent>;
  checkpoints(): SignedCheckpoint[];
}

const KNOWN_TYPES = new Set<string>([...PUPIL_EVENT_TYPES, ...RECIPIENT_EVENT_TYPES, ...CATALOGUE_EVENT_TYPES, ...INTERNAL_EVENT_TYPES]);

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/**
 * Reads the whole log once, in global order. Every event must follow its predecessor in its
 * stream (revision and hash) and hash to what is stored; at every checkpoint — the log's own and
 * those kept outside it — the log must hold exactly the sealed number of events and stream heads,
 * under a valid signature. A kept checkpoint the log no longer reaches names what is missing: a
 * rollback, a replaced or an emptied log.
 */
const verification = (own: readonly SignedCheckpoint[], publicKey: KeyObject | null, kept: readonly KeptSeal[], keyName: string) => {
  const problems: VerifyProblem[] = [];
  const heads = new Map<string, { revision: number; hash: string }>();
  const ids = new Set<string>();
  const keptSigs = new Set(kept.map((k) => k.checkpoint.signature));
  const seals: Seal[] = [
    ...own.filter((c) => !keptSigs.has(c.signature)).map((c) => ({ c, label: `checkpoint of ${c.createdAt}`, key: publicKey, keyName })),
    ...kept.map((k) => ({ c: k.checkpoint, label: `checkpoint of ${k.checkpoint.createdAt} kept in ${k.keptIn}`, key: k.publicKey, keyName: k.keyName })),
  ].sort((a, b) => Number(a.c.position) - Number(b.c.position));
  let next = 0;
  let count = 0;
  let last = '0';

  const sealed = ({ c, label, key, keyName }: Seal) => {
    const at = (problem: string) => problems.push({ position: c.position, eventId: null, stream: null, problem: `${label}: ${problem}` });
    if (key && !checkSignature(c, key)) at(`its signature does not verify with ${keyName}`);
    if (count !== c.events)
      at(
        `it sealed ${c.events} events up to position ${c.position}, the log holds ${count} there (events were removed or inserted, or the log was rolled back behind it and written again${count < c.events ? `: ${c.events - count} sealed events are missing` : ''})`,
      );
    else if (merkleRoot(heads) !== c.root)
      at(
        `the stream heads differ from the sealed root (a stream was removed or rewritten${heads.size !== c.streams ? `: it sealed ${c.streams} streams, the log has ${heads.size}` : ''})`,
      );
  };

  const see = (e: RawEvent) => {
    while (next < seals.length && Number(seals[next].c.position) < Number(e.position)) sealed(seals[next++]);
    const flag = (problem: string) => problems.push({ position: e.position, eventId: e.eventId, stream: e.stream, problem });
    const head = heads.get(e.stream);
    const expected = (head?.revision ?? -1) + 1;
    if (e.revision !== expected) flag(`revision ${e.revision} where ${expected} was expected: an event before it is missing, or events were swapped`);
    if (e.prevHash !== (head?.hash ?? GENESIS)) flag('it does not follow the event before it in its stream (the chain is broken)');
    if (chainHash(e.prevHash, e) !== e.hash) flag('its stored bytes do not match its hash (the event was altered)');
    if (ids.has(e.eventId)) flag('its event id was used before');
    if (!KNOWN_TYPES.has(e.type)) flag(`unknown event type ${e.type}`);
    if (!parses(e.data) || !parses(e.metadata)) flag('its stored data is not valid JSON');
    ids.add(e.eventId);
    heads.set(e.stream, { revision: e.revision, hash: e.hash });
    count++;
    last = e.position;
  };

  const report = (): VerifyReport => {
    for (const seal of seals.slice(next)) {
      const { c, label } = seal;
      if (Number(c.position) > Number(last)) {
        const end = count === 0 ? 'the log is empty' : `the log ends at ${last}`;
        problems.push({
          position: c.position,
          eventId: null,
          stream: null,
          problem: `${label}: it sealed the log up to position ${c.position} (${c.events} events), but ${end} (the log was rolled back behind this checkpoint${c.events > count ? `: ${c.events - count} sealed events are missing` : ''})`,
        });
        if (seal.key && !checkSignature(c, seal.key))
          problems.push({ position: c.position, eventId: null, stream: null, problem: `${label}: its signature does not verify with ${seal.keyName}` });
      } else sealed(seal);
    }
    return { ok: problems.length === 0, events: count, streams: heads.size, checkpoints: own.length, kept: kept.length, problems };
  };
  return { see, report };
};

/** Verifies a source read in-process (see `verification` for what is checked). */
export const verifyLog = (
  source: SyncAuditSource,
  publicKey: KeyObject | null,
  kept: readonly KeptSeal[] = [],
  keyName = 'the ledger’s public key',
): VerifyReport => {
  const v = verification(source.checkpoints(), publicKey, kept, keyName);
  for (const e of source.rawEvents()) v.see(e);
  return v.report();
};

/** Verifies any store's audit log, read once in global order, a page at a time where the store pages. */
export const verifyAuditLog = async (
  source: AuditSource,
  publicKey: KeyObject | null,
  kept: readonly KeptSeal[] = [],
  keyName = 'the ledger’s public key',
): Promise<VerifyReport> => {
  const v = verification(await source.checkpoints(), publicKey, kept, keyName);
  for await (const e of source.rawEvents()) v.see(e);
  return v.report();
};
