import type { LedgerApp } from '../support/ledger-app';
import { dateOf, dayStart, isAmbiguous, nextDate, type TimeForm, written } from './amsterdam-clock';
import type { Back, Command, End, History, Purpose } from './histories';
import { type Fact, type Pupil, ReferenceLedger } from './reference-ledger';

/** Sends a history to a real ledger over HTTP, command by command, and holds every answer against the reference model. */
export const T0 = Date.parse('2025-08-25T08:00:00.000Z');
export const SCHOOL = 's-prop';
export const PUPIL_IDS = ['pa', 'pb'];
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
// School-year ends and clock changes around the histories, where off-by-an-hour mistakes live.
const EDGES = ['2025-07-31T22:00:00Z', '2026-07-31T22:00:00Z', '2027-07-31T22:00:00Z', '2025-10-26T01:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2027-03-28T01:00:00Z'].map(Date.parse);
const RECIPIENTS = {
  lib: { basis: 'consent', purpose: 'share-library', categories: ['identity'] },
  web: { basis: 'consent', purpose: 'photo-website', categories: ['photo-video'] },
  duo: { basis: 'legal_obligation', purpose: null, categories: ['identity'] },
  pub: { basis: 'processor_agreement', purpose: null, categories: ['identity'] },
} as const;

interface Expected {
  readonly status: number;
  readonly same?: string;
}
type Decision = Extract<Command, { kind: 'give' | 'refuse' | 'withdraw' }>;

export class HistoryRun {
  readonly model = new ReferenceLedger();
  now = T0;
  readonly arrivals: number[] = [];
  private readonly sent: { readonly decision: Decision; readonly at: number }[] = [];
  readonly answers: string[] = [];

  constructor(private readonly ledger: LedgerApp) {}

  private post(path: string, body: object) {
    return this.ledger.as('registrar').post(path, body);
  }

  /** Checks one answer; the history so far is kept in the message of any mismatch. */
  private check(what: string, res: { status: number; body: { eventId?: string; eventIds?: string[] } }, want: Expected): void {
    this.answers.push(`${iso(this.now)} ${what} → ${res.status}`);
    expect({ what, status: res.status }).toEqual({ what, status: want.status });
    if (want.same) expect({ what, eventId: res.body.eventId }).toEqual({ what, eventId: want.same });
  }

  private edges(): number[] {
    const personal = [...this.model.pupils.values()].flatMap((p) => [this.model.sixteenFrom(p), this.model.retentionFrom(p)]);
    return [...EDGES, dayStart(dateOf(this.now)), ...personal].filter((e): e is number => e !== null && e <= this.now);
  }

  private resolve(back: Back): number {
    if (back.mode === 'now') return this.now;
    if (back.mode === 'ago') return this.now - back.ms;
    if (back.mode === 'afterFact') {
      const facts = this.model.facts;
      return facts.length === 0 ? this.now : Math.min(this.now, facts[back.pick % facts.length].at + back.delta);
    }
    const edges = this.edges();
    return Math.min(this.now, edges[back.pick % edges.length] + back.delta);
  }

  private end(from: number, end: End): { text: string; at: number } | undefined {
    if (!end) return undefined;
    const t = from + end.days * DAY;
    return end.dateOnly ? { text: dateOf(t), at: dayStart(nextDate(dateOf(t))) } : { text: iso(t), at: t };
  }

  async setUp(h: History): Promise<void> {
    // The history's clock from its first command on: the store never records a fact earlier than the last.
    this.ledger.clock.current = iso(this.now);
    for (const [i, spec] of h.pupils.entries()) {
      const id = PUPIL_IDS[i];
      const guardians = [`${id}-g1`, `${id}-g2`];
      const personal = { name: 'Lotte Visser', ...(spec.birthDate ? { birthDate: spec.birthDate } : {}) };
      await this.post('/pupils', { pupilId: id, schoolId: SCHOOL, enrolledOn: spec.enrolledOn, guardians: guardians.map((guardianId) => ({ guardianId, relation: 'parent' })), personal }).expect(201);
      const pupil: Pupil = { id, school: SCHOOL, guardians, birthDate: spec.birthDate, enrolledOn: spec.enrolledOn, leftOn: null, leftEventId: null, destroyedAt: null, lastFactAt: dayStart(spec.enrolledOn) };
      this.model.pupils.set(id, pupil);
    }
    for (const [recipientId, r] of Object.entries(RECIPIENTS))
      await this.post('/recipients', { recipientId, name: `Ontvanger ${recipientId}`, kind: r.basis === 'processor_agreement' ? 'processor' : r.basis === 'consent' ? 'third_party' : 'authority', dataCategories: r.categories, ...(r.purpose ? { purpose: r.purpose } : {}) }).expect(201);
    const agreement = await this.post('/recipients/pub/agreements', { agreementId: 'a-1', validFrom: '2021-08-01', dataCategories: ['identity'] }).expect(201);
    this.model.agreements.set('a-1', { id: 'a-1', eventId: agreement.body.eventId, validFrom: dayStart('2021-08-01'), validUntil: null, endedAt: null, endEventId: null });
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
        const res = await this.post(`/pupils/${PUPIL_IDS[c.pupil]}/consents`, { purpose: c.purpose, guardianId: `${PUPIL_IDS[c.pupil]}-g1`, givenAt: '2026-03-29T02:15:00', noticeVersion: 'v1', channel: 'paper' });
        this.check('consent at a local time the clocks skipped', res, { status: 400 });
        return expect(res.body.details).toEqual([expect.objectContaining({ field: 'givenAt' })]);
      }
      case 'share':
        return this.share(c);
      case 'endAgreement':
        return this.endAgreement(c);
      case 'leave':
        return this.leave(c);
      case 'destroy':
        return this.destroy(c);
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
    const validUntil = c.kind === 'give' ? this.end(at, c.validUntil) : undefined;
    const path = c.kind === 'give' ? `/pupils/${p.id}/consents` : `/pupils/${p.id}/consents/${c.purpose}/${c.kind === 'refuse' ? 'refusal' : 'withdrawal'}`;
    const field = c.kind === 'give' ? 'givenAt' : c.kind === 'refuse' ? 'refusedAt' : 'withdrawnAt';
    const body =
      c.kind === 'give'
        ? { purpose: c.purpose, guardianId: decider, givenAt: text, noticeVersion: c.notice, channel: c.channel, ...(validUntil ? { validUntil: validUntil.text } : {}) }
        : { guardianId: decider, [field]: text };
    const kind = c.kind === 'give' ? 'given' : c.kind === 'refuse' ? 'refused' : 'withdrawn';
    const same = (f: Fact) =>
      f.pupil === p.id && f.purpose === c.purpose && f.decider === decider && f.kind === kind && f.at === at &&
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
    m.facts.push({ seq: ++m.seq, eventId: res.body.eventId, pupil: p.id, purpose: c.purpose, decider, kind, at, recordedAt: this.now, endsAt: end, notice, channel, validUntil: validUntil?.at ?? null });
    p.lastFactAt = Math.max(p.lastFactAt, at);
  }

  private async share(c: Extract<Command, { kind: 'share' }>): Promise<void> {
    const m = this.model;
    const r = RECIPIENTS[c.recipient];
    const at = this.resolve(c.back);
    const until = this.end(at, c.until);
    const pupils = c.pupils.map((i) => m.pupils.get(PUPIL_IDS[i])!);
    const a = m.agreements.get('a-1')!;
    const agEnd = m.agreementEnd(a);
    let want: number;
    if (c.form === 'local' && isAmbiguous(at)) want = 400;
    else if (until && until.at <= at) want = 400;
    else if (r.basis === 'processor_agreement' && !(a.validFrom <= at && (agEnd === null || at < agEnd))) want = 409;
    else if (pupils.some((p) => p.destroyedAt !== null)) want = 410;
    else if (r.purpose && pupils.some((p) => m.status(p.id, r.purpose as string, at).status !== 'active')) want = 409;
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
    const res = await this.post('/data-sharings', body);
    this.check(`share with ${c.recipient} ${body.pupilIds.join('+')} at ${body.sharedAt}${until ? ` until ${until.text}` : ''}`, res, { status: want });
    if (res.status !== 201) return;
    pupils.forEach((p, i) => {
      m.sharings.push({ seq: ++m.seq, eventId: res.body.eventIds[i], pupil: p.id, recipient: c.recipient, basis: r.basis, purpose: r.purpose, agreement: r.basis === 'processor_agreement' ? 'a-1' : null, at, until: until?.at ?? null });
      p.lastFactAt = Math.max(p.lastFactAt, at);
    });
  }

  private async endAgreement(c: Extract<Command, { kind: 'endAgreement' }>): Promise<void> {
    const a = this.model.agreements.get('a-1')!;
    const t = this.resolve(c.back);
    const [text, at] = c.dateOnly ? [dateOf(t), dayStart(nextDate(dateOf(t)))] : [iso(t), t];
    const want: Expected = a.endedAt !== null ? (a.endedAt === at ? { status: 201, same: a.endEventId as string } : { status: 409 }) : at < a.validFrom ? { status: 400 } : { status: 201 };
    const res = await this.post('/recipients/pub/agreements/a-1/end', { endedAt: text });
    this.check(`end agreement at ${text}`, res, want);
    if (res.status === 201 && a.endedAt === null) [a.endedAt, a.endEventId] = [at, res.body.eventId as string];
  }

  private async leave(c: Extract<Command, { kind: 'leave' }>): Promise<void> {
    const p = this.model.pupils.get(PUPIL_IDS[c.pupil])!;
    const leftOn = c.leapDay && p.enrolledOn <= '2024-02-29' ? '2024-02-29' : dateOf(this.resolve(c.back));
    let want: Expected;
    if (p.destroyedAt !== null) want = { status: 410 };
    else if (p.leftOn !== null) want = p.leftOn === leftOn ? { status: 201, same: p.leftEventId as string } : { status: 409 };
    else if (leftOn < p.enrolledOn) want = { status: 400 };
    else want = { status: 201 };
    const res = await this.post(`/pupils/${p.id}/departure`, { leftOn });
    this.check(`${p.id} left on ${leftOn}`, res, want);
    if (res.status !== 201 || p.leftOn !== null) return;
    [p.leftOn, p.leftEventId] = [leftOn, res.body.eventId as string];
    p.lastFactAt = Math.max(p.lastFactAt, dayStart(leftOn));
  }

  private async destroy(c: Extract<Command, { kind: 'destroy' }>): Promise<void> {
    const p = this.model.pupils.get(PUPIL_IDS[c.pupil])!;
    const at = this.resolve(c.back);
    const retention = this.model.retentionFrom(p);
    let want: number;
    if (c.form === 'local' && isAmbiguous(at)) want = 400;
    else if (p.destroyedAt !== null) want = 410;
    else if (at < p.lastFactAt) want = 400;
    else if (c.reason === 'retention_expired' && (retention === null || at < retention)) want = 409;
    else want = 201;
    const text = written(at, c.form);
    const res = await this.post(`/pupils/${p.id}/dossier-destruction`, { reason: c.reason, destroyedAt: text });
    this.check(`destroy ${p.id} (${c.reason}) at ${text}`, res, { status: want });
    if (res.status === 201) [p.destroyedAt, p.lastFactAt] = [at, Math.max(p.lastFactAt, at)];
  }

  /** The facts' own moments, a millisecond either side, and the school-year ends: where answers change. */
  probeMoments(): number[] {
    const m = this.model;
    const pts = [
      ...m.facts.flatMap((f) => [f.at - 1, f.at, ...(f.endsAt === null ? [] : [f.endsAt - 1, f.endsAt])]),
      ...m.sharings.flatMap((s) => [s.at, ...(s.until === null ? [] : [s.until - 1, s.until])]),
      ...[...m.pupils.values()].flatMap((p) => (p.destroyedAt === null ? [] : [p.destroyedAt - 1, p.destroyedAt])),
      ...EDGES,
      T0,
      this.now,
    ];
    return [...new Set(pts)].sort((a, b) => a - b);
  }
}

export type { Purpose };
