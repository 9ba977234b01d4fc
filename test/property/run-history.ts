import type { LedgerApp } from '../support/ledger-app';
import { dayStart, isAmbiguous, type TimeForm, written } from './amsterdam-clock';
import type { Back, Command, History, Purpose } from './histories';
import { endOf, iso, probeMoments, resolve, T0 } from './history-moments';
import { type Fact, type Pupil, ReferenceLedger } from './reference-ledger';
import { destroy, endAgreement, type Expected, leave, PUPIL_IDS, RECIPIENTS, type RunContext, share } from './record-commands';

export { PUPIL_IDS };

export const SCHOOL = 's-prop';

type Decision = Extract<Command, { kind: 'give' | 'refuse' | 'withdraw' }>;

/** Sends a history to a real ledger over HTTP, command by command, and holds every answer against the reference model. */
export class HistoryRun implements RunContext {
  readonly model = new ReferenceLedger();
  now = T0;
  readonly arrivals: number[] = [];
  private readonly sent: { readonly decision: Decision; readonly at: number }[] = [];
  readonly answers: string[] = [];

  constructor(private readonly ledger: LedgerApp) {}

  post(path: string, body: object) {
    return this.ledger.as('registrar').post(path, body);
  }

  /** Checks one answer; the history so far is kept in the message of any mismatch. */
  check(what: string, res: { status: number; body: { eventId?: string; eventIds?: string[] } }, want: Expected): void {
    this.answers.push(`${iso(this.now)} ${what} → ${res.status}`);
    expect({ what, status: res.status }).toEqual({ what, status: want.status });
    if (want.same) expect({ what, eventId: res.body.eventId }).toEqual({ what, eventId: want.same });
  }

  private resolve(back: Back): number {
    return resolve(this.model, this.now, back);
  }

  async setUp(h: History): Promise<void> {
    // The history's clock from its first command on: the store never records a fact earlier than the last.
    this.ledger.clock.current = iso(this.now);
    for (const [i, spec] of h.pupils.entries()) {
      const id = PUPIL_IDS[i];
      const guardians = [`${id}-g1`, `${id}-g2`];
      const personal = { name: 'Lotte Visser', ...(spec.birthDate ? { birthDate: spec.birthDate } : {}) };
      await this.post('/pupils', {
        pupilId: id,
        schoolId: SCHOOL,
        enrolledOn: spec.enrolledOn,
        guardians: guardians.map((guardianId) => ({ guardianId, relation: 'parent' })),
        personal,
      }).expect(201);
      const pupil: Pupil = {
        id,
        school: SCHOOL,
        guardians,
        birthDate: spec.birthDate,
        enrolledOn: spec.enrolledOn,
        leftOn: null,
        leftEventId: null,
        destroyedAt: null,
        lastFactAt: dayStart(spec.enrolledOn),
      };
      this.model.pupils.set(id, pupil);
    }
    for (const [recipientId, r] of Object.entries(RECIPIENTS))
      await this.post('/recipients', {
        recipientId,
        name: `Ontvanger ${recipientId}`,
        kind: r.basis === 'processor_agreement' ? 'processor' : r.basis === 'consent' ? 'third_party' : 'authority',
        dataCategories: r.categories,
        ...(r.purpose ? { purpose: r.purpose } : {}),
      }).expect(201);
    const agreement = await this.post('/recipients/pub/agreements', {
      agreementId: 'a-1',
      validFrom: '2021-08-01',
      dataCategories: ['identity'],
    }).expect(201);
    this.model.agreements.set('a-1', {
      id: 'a-1',
      eventId: agreement.body.eventId,
      validFrom: dayStart('2021-08-01'),
      validUntil: null,
      endedAt: null,
      endEventId: null,
    });
  }

  async step(wait: number, c: Command): Promise<void> {
    this.now += wait;
    this.arrivals.push(this.now);
    this.ledger.clock.current = iso(this.now);
    switch (c.kind) {
      case 'give':
        return this.decide(c, this.resolve(c.back));
      case 'refuse':
      case 'withdraw':
        return this.decide(...this.following(c));
      case 'repeat':
        if (this.sent.length === 0) return;
        return this.decide(this.sent[c.pick % this.sent.length].decision, this.sent[c.pick % this.sent.length].at);
      case 'skippedLocalTime': {
        const res = await this.post(`/pupils/${PUPIL_IDS[c.pupil]}/consents`, {
          purpose: c.purpose,
          guardianId: `${PUPIL_IDS[c.pupil]}-g1`,
          givenAt: '2026-03-29T02:15:00',
          noticeVersion: 'v1',
          channel: 'paper',
        });
        this.check('consent at a local time the clocks skipped', res, { status: 400 });
        return expect(res.body.details).toEqual([expect.objectContaining({ field: 'givenAt' })]);
      }
      case 'share':
        return share(this, c);
      case 'endAgreement':
        return endAgreement(this, c);
      case 'leave':
        return leave(this, c);
      case 'destroy':
        return destroy(this, c);
    }
  }

  /**
   * A refusal or withdrawal about an earlier decision when the command asks so (a withdrawal about a
   * consent), dated just after it when its business time follows a fact.
   */
  private following(c: Extract<Command, { kind: 'refuse' | 'withdraw' }>): [Decision, number] {
    const pool = this.model.facts.filter((f) => c.kind === 'refuse' || f.kind === 'given');
    if (!c.follow || pool.length === 0) return [c, this.resolve(c.back)];
    const f = pool[(c.back.mode === 'afterFact' ? c.back.pick : pool.length - 1) % pool.length];
    const pupil = PUPIL_IDS.indexOf(f.pupil);
    // The pupil stays the decider when the command names them: their withdrawal then ends the others' consents.
    const decider = c.decider === 2 || f.decider === f.pupil ? 2 : this.model.pupils.get(f.pupil)!.guardians.indexOf(f.decider);
    const at = c.back.mode === 'afterFact' ? Math.min(this.now, f.at + c.back.delta) : this.resolve(c.back);
    return [{ ...c, pupil, decider, purpose: f.purpose as Purpose }, at];
  }

  private async decide(c: Decision, at: number): Promise<void> {
    const m = this.model;
    const p = m.pupils.get(PUPIL_IDS[c.pupil])!;
    const decider = c.decider === 2 ? p.id : p.guardians[c.decider];
    const form: TimeForm = c.form;
    const text = written(at, form);
    const validUntil = c.kind === 'give' ? endOf(at, c.validUntil) : undefined;
    const path = c.kind === 'give' ? `/pupils/${p.id}/consents` : `/pupils/${p.id}/consents/${c.purpose}/${c.kind === 'refuse' ? 'refusal' : 'withdrawal'}`;
    const field = c.kind === 'give' ? 'givenAt' : c.kind === 'refuse' ? 'refusedAt' : 'withdrawnAt';
    const body =
      c.kind === 'give'
        ? {
            purpose: c.purpose,
            guardianId: decider,
            givenAt: text,
            noticeVersion: c.notice,
            channel: c.channel,
            ...(validUntil ? { validUntil: validUntil.text } : {}),
          }
        : { guardianId: decider, [field]: text };
    const kind = c.kind === 'give' ? 'given' : c.kind === 'refuse' ? 'refused' : 'withdrawn';
    const same = (f: Fact) =>
      f.pupil === p.id &&
      f.purpose === c.purpose &&
      f.decider === decider &&
      f.kind === kind &&
      f.at === at &&
      (c.kind !== 'give' || (f.notice === c.notice && f.channel === c.channel && f.validUntil === (validUntil?.at ?? null)));
    const tooYoung = decider === p.id && kind !== 'withdrawn' && (m.sixteenFrom(p) === null || at < (m.sixteenFrom(p) as number));
    const repeat = m.facts.find(same);
    let want: Expected;
    if (form === 'local' && isAmbiguous(at)) want = { status: 400 };
    else if (p.destroyedAt !== null) want = { status: 410 };
    else if (validUntil && validUntil.at <= at) want = { status: 400 };
    else if (tooYoung) want = { status: 409 };
    else if (repeat) want = { status: 201, same: repeat.eventId };
    else if (kind !== 'withdrawn' && p.leftOn !== null && at >= dayStart(p.leftOn)) want = { status: 409 };
    else if (kind === 'withdrawn') {
      const { decisions } = m.status(p.id, c.purpose, at);
      const inForce = decider === p.id ? [...decisions.values()].includes('given') : decisions.get(decider) === 'given';
      want = { status: inForce ? 201 : 409 };
    } else want = { status: 201 };
    const res = await this.post(path, body);
    this.check(`${kind} ${p.id} ${c.purpose} by ${decider} at ${text}${validUntil ? ` until ${validUntil.text}` : ''}`, res, want);
    if (res.status !== 400) this.sent.push({ decision: c, at });
    if (res.status !== 201 || repeat) return;
    const end = kind === 'given' ? m.endsAt(c.purpose, at, validUntil?.at ?? null) : null;
    const notice = c.kind === 'give' ? c.notice : null;
    const channel = c.kind === 'give' ? c.channel : null;
    m.facts.push({
      seq: ++m.seq,
      eventId: res.body.eventId,
      pupil: p.id,
      purpose: c.purpose,
      decider,
      kind,
      at,
      recordedAt: this.now,
      endsAt: end,
      notice,
      channel,
      validUntil: validUntil?.at ?? null,
    });
    p.lastFactAt = Math.max(p.lastFactAt, at);
  }

  /** The facts' own moments, a millisecond either side, and the school-year ends: where answers change. */
  probeMoments(): number[] {
    return probeMoments(this.model, this.now);
  }
}

export type { Purpose };
