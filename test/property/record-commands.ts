import type request from 'supertest';
import { dateOf, dayStart, isAmbiguous, nextDate, written } from './amsterdam-clock';
import type { Command } from './histories';
import { endOf, iso, resolve } from './history-moments';
import type { ReferenceLedger } from './reference-ledger';

/**
 * The commands of a history around the pupils' decisions: sharings, the end of the processor
 * agreement, departures and destructions. Each sends its command and holds the answer against what
 * the reference model says it must be, then records what was accepted.
 */

export const PUPIL_IDS = ['pa', 'pb'];

/** The recipients every history registers: two on consent, one by law, one under a processor agreement (`a-1`). */
export const RECIPIENTS = {
  lib: { basis: 'consent', purpose: 'share-library', categories: ['identity'] },
  web: { basis: 'consent', purpose: 'photo-website', categories: ['photo-video'] },
  duo: { basis: 'legal_obligation', purpose: null, categories: ['identity'] },
  pub: { basis: 'processor_agreement', purpose: null, categories: ['identity'] },
} as const;

/** The answer a command must get: its status and, for an exact repeat, the event it repeats. */
export interface Expected {
  readonly status: number;
  readonly same?: string;
}

/** What a command needs of the run: the model, the ledger's clock (ms, UTC), a way to send and one to check. */
export interface RunContext {
  readonly model: ReferenceLedger;
  readonly now: number;
  post(path: string, body: object): request.Test;
  check(what: string, res: { status: number; body: { eventId?: string; eventIds?: string[] } }, want: Expected): void;
}

export const share = async (run: RunContext, c: Extract<Command, { kind: 'share' }>): Promise<void> => {
  const m = run.model;
  const r = RECIPIENTS[c.recipient];
  const at = resolve(run.model, run.now, c.back);
  const until = endOf(at, c.until);
  const pupils = c.pupils.map((i) => m.pupils.get(PUPIL_IDS[i])!);
  const a = m.agreements.get('a-1')!;
  const agEnd = m.agreementEnd(a);
  let want: number;
  if (c.form === 'local' && isAmbiguous(at)) want = 400;
  else if (until && until.at <= at) want = 400;
  else if (r.basis === 'processor_agreement' && !(a.validFrom <= at && (agEnd === null || at < agEnd))) want = 409;
  else if (pupils.some((p) => p.destroyedAt !== null)) want = 410;
  else if (r.purpose && pupils.some((p) => m.status(p.id, r.purpose, at).status !== 'active')) want = 409;
  else want = 201;
  const body = {
    recipientId: c.recipient,
    pupilIds: pupils.map((p) => p.id),
    dataCategories: r.categories,
    legalBasis: r.basis,
    sharedAt: written(at, c.form),
    ...(r.basis === 'legal_obligation' ? { legalReference: 'WPO art. 178a' } : {}),
    ...(until ? { until: until.text } : {}),
  };
  const res = await run.post('/data-sharings', body);
  run.check(`share with ${c.recipient} ${body.pupilIds.join('+')} at ${body.sharedAt}${until ? ` until ${until.text}` : ''}`, res, {
    status: want,
  });
  if (res.status !== 201) return;
  pupils.forEach((p, i) => {
    m.sharings.push({
      seq: ++m.seq,
      eventId: res.body.eventIds[i],
      pupil: p.id,
      recipient: c.recipient,
      basis: r.basis,
      purpose: r.purpose,
      agreement: r.basis === 'processor_agreement' ? 'a-1' : null,
      at,
      until: until?.at ?? null,
    });
    p.lastFactAt = Math.max(p.lastFactAt, at);
  });
};

export const endAgreement = async (run: RunContext, c: Extract<Command, { kind: 'endAgreement' }>): Promise<void> => {
  const a = run.model.agreements.get('a-1')!;
  const t = resolve(run.model, run.now, c.back);
  const [text, at] = c.dateOnly ? [dateOf(t), dayStart(nextDate(dateOf(t)))] : [iso(t), t];
  const want: Expected =
    a.endedAt !== null
      ? a.endedAt === at
        ? { status: 201, same: a.endEventId as string }
        : { status: 409 }
      : at < a.validFrom
        ? { status: 400 }
        : { status: 201 };
  const res = await run.post('/recipients/pub/agreements/a-1/end', { endedAt: text });
  run.check(`end agreement at ${text}`, res, want);
  if (res.status === 201 && a.endedAt === null) [a.endedAt, a.endEventId] = [at, res.body.eventId as string];
};

export const leave = async (run: RunContext, c: Extract<Command, { kind: 'leave' }>): Promise<void> => {
  const p = run.model.pupils.get(PUPIL_IDS[c.pupil])!;
  const leftOn = c.leapDay && p.enrolledOn <= '2024-02-29' ? '2024-02-29' : dateOf(resolve(run.model, run.now, c.back));
  let want: Expected;
  if (p.destroyedAt !== null) want = { status: 410 };
  else if (p.leftOn !== null) want = p.leftOn === leftOn ? { status: 201, same: p.leftEventId as string } : { status: 409 };
  else if (leftOn < p.enrolledOn) want = { status: 400 };
  else want = { status: 201 };
  const res = await run.post(`/pupils/${p.id}/departure`, { leftOn });
  run.check(`${p.id} left on ${leftOn}`, res, want);
  if (res.status !== 201 || p.leftOn !== null) return;
  [p.leftOn, p.leftEventId] = [leftOn, res.body.eventId as string];
  p.lastFactAt = Math.max(p.lastFactAt, dayStart(leftOn));
};

export const destroy = async (run: RunContext, c: Extract<Command, { kind: 'destroy' }>): Promise<void> => {
  const p = run.model.pupils.get(PUPIL_IDS[c.pupil])!;
  const at = resolve(run.model, run.now, c.back);
  const retention = run.model.retentionFrom(p);
  let want: number;
  if (c.form === 'local' && isAmbiguous(at)) want = 400;
  else if (p.destroyedAt !== null) want = 410;
  else if (at < p.lastFactAt) want = 400;
  else if (c.reason === 'retention_expired' && (retention === null || at < retention)) want = 409;
  else want = 201;
  const text = written(at, c.form);
  const res = await run.post(`/pupils/${p.id}/dossier-destruction`, { reason: c.reason, destroyedAt: text });
  run.check(`destroy ${p.id} (${c.reason}) at ${text}`, res, { status: want });
  if (res.status === 201) [p.destroyedAt, p.lastFactAt] = [at, Math.max(p.lastFactAt, at)];
};
