import type { KeyObject } from 'node:crypto';
import { PUPIL_EVENT_TYPES } from '../pupils/domain/pupil-events';
import { RECIPIENT_EVENT_TYPES } from '../recipients/domain/recipient-events';
import { type SignedCheckpoint, checkSignature } from './checkpoint';
import { GENESIS, type RawEvent, chainHash, merkleRoot } from './hash-chain';

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
  readonly problems: readonly VerifyProblem[];
}

export interface AuditSource {
  rawEvents(): Iterable<RawEvent>;
  checkpoints(): SignedCheckpoint[];
}

const KNOWN_TYPES = new Set<string>([...PUPIL_EVENT_TYPES, ...RECIPIENT_EVENT_TYPES]);

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
 * stream (revision and hash) and hash to what is stored; at every checkpoint the log must hold
 * exactly the sealed number of events and stream heads, under a valid signature.
 */
export const verifyLog = (source: AuditSource, publicKey: KeyObject | null): VerifyReport => {
  const problems: VerifyProblem[] = [];
  const heads = new Map<string, { revision: number; hash: string }>();
  const ids = new Set<string>();
  const checkpoints = [...source.checkpoints()].sort((a, b) => Number(a.position) - Number(b.position));
  let next = 0;
  let count = 0;
  let last = '0';

  const sealed = (c: SignedCheckpoint) => {
    const at = (problem: string) => problems.push({ position: c.position, eventId: null, stream: null, problem: `checkpoint of ${c.createdAt}: ${problem}` });
    if (publicKey && !checkSignature(c, publicKey)) at('its signature does not verify with the ledger’s public key');
    if (count !== c.events) at(`it sealed ${c.events} events up to position ${c.position}, the log holds ${count} (events were removed or inserted)`);
    else if (merkleRoot(heads) !== c.root) at('the stream heads differ from the sealed root (a stream was removed or rewritten)');
  };

  for (const e of source.rawEvents()) {
    while (next < checkpoints.length && Number(checkpoints[next].position) < Number(e.position)) sealed(checkpoints[next++]);
    const flag = (problem: string) => problems.push({ position: e.position, eventId: e.eventId, stream: e.stream, problem });
    const head = heads.get(e.stream);
    const expected = (head?.revision ?? -1) + 1;
    if (e.revision !== expected)
      flag(`revision ${e.revision} where ${expected} was expected: an event before it is missing, or events were swapped`);
    if (e.prevHash !== (head?.hash ?? GENESIS)) flag('it does not follow the event before it in its stream (the chain is broken)');
    if (chainHash(e.prevHash, e) !== e.hash) flag('its stored bytes do not match its hash (the event was altered)');
    if (ids.has(e.eventId)) flag('its event id was used before');
    if (!KNOWN_TYPES.has(e.type)) flag(`unknown event type ${e.type}`);
    if (!parses(e.data) || !parses(e.metadata)) flag('its stored data is not valid JSON');
    ids.add(e.eventId);
    heads.set(e.stream, { revision: e.revision, hash: e.hash });
    count++;
    last = e.position;
  }
  for (const c of checkpoints.slice(next)) {
    if (Number(c.position) > Number(last))
      problems.push({
        position: c.position,
        eventId: null,
        stream: null,
        problem: `checkpoint of ${c.createdAt}: it sealed the log up to position ${c.position}, but the log ends at ${last} (its tail was removed)`,
      });
    else sealed(c);
  }
  return { ok: problems.length === 0, events: count, streams: heads.size, checkpoints: checkpoints.length, problems };
};
