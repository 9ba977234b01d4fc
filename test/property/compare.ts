import { ConsentExpiryScheduler } from '../../src/pupils/expire-consents/consent-expiry.scheduler';
import type { LedgerApp } from '../support/ledger-app';
import { dayStart } from './amsterdam-clock';
import { PURPOSES } from './histories';
import type { Line } from './reference-ledger';
import { type HistoryRun, PUPIL_IDS, SCHOOL } from './run-history';

/** The questions asked of the ledger after a history, each answer held against the reference model. */
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const q = (t: number) => encodeURIComponent(iso(t) as string);
const pick = <T>(xs: readonly T[], seed: number): T => xs[seed % xs.length];
const sorted = (ids: readonly string[]) => [...ids].sort();

interface HttpLine {
  readonly recipientId: string;
  readonly pupilId: string;
  readonly from: string;
  readonly until: string | null;
  readonly problem: string | null;
  readonly eventIds: readonly string[];
}
const shape = (l: HttpLine | Line) => ({
  recipientId: l.recipientId,
  pupilId: l.pupilId,
  from: typeof l.from === 'number' ? iso(l.from) : l.from,
  until: typeof l.until === 'number' ? iso(l.until) : l.until,
  problem: l.problem,
  // Proofs are compared where rule 13 names them: the sharing and the fact that ended its basis.
  eventIds: l.problem ? l.eventIds : [],
});
const lines = (ls: readonly (HttpLine | Line)[]) => ls.map(shape).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Consents as of (at, knownAt) both ways, and the consent check, at moments drawn from the history. */
export const compareConsents = async (ledger: LedgerApp, run: HistoryRun, probes: readonly number[]) => {
  const m = run.model;
  const moments = run.probeMoments();
  const knownAts = [...run.arrivals, run.now];
  for (let i = 0; i < 4; i++) {
    const at = pick(moments, probes[i]);
    const knownAt = pick(knownAts, probes[i + 4]);
    for (const id of PUPIL_IDS) {
      const res = await ledger
        .as('director')
        .get(`/pupils/${id}/consents?at=${q(at)}&knownAt=${q(knownAt)}`)
        .expect(200);
      for (const purpose of PURPOSES) {
        const got = res.body.consents.find((c: { purpose: string }) => c.purpose === purpose);
        const want = m.status(id, purpose, at, knownAt);
        const { since, until } = m.sinceUntil(id, purpose, at, knownAt);
        expect({
          id,
          purpose,
          at: iso(at),
          knownAt: iso(knownAt),
          status: got.status,
          since: got.since,
          until: got.until,
          eventIds: sorted(got.eventIds),
        }).toEqual({
          id,
          purpose,
          at: iso(at),
          knownAt: iso(knownAt),
          status: want.status,
          since: iso(since),
          until: iso(until),
          eventIds: sorted(want.facts.map((f) => f.eventId)),
        });
      }
    }
    for (const purpose of PURPOSES) {
      const res = await ledger
        .as('board')
        .post('/consent-checks', { purpose, pupilIds: PUPIL_IDS, at: iso(at) })
        .expect(200);
      const want = PUPIL_IDS.map((id) => {
        if (m.pupils.get(id)!.destroyedAt !== null) return { pupilId: id, allowed: false, status: 'destroyed' };
        const { status } = m.status(id, purpose, at);
        return { pupilId: id, allowed: status === 'active', status };
      });
      expect({
        purpose,
        at: iso(at),
        results: res.body.results.map(({ pupilId, allowed, status }: Record<string, unknown>) => ({ pupilId, allowed, status })),
      }).toEqual({ purpose, at: iso(at), results: want });
    }
  }
};

/** Who could see what, both ways, at moments drawn from the history (rule 13 included). */
export const compareAccess = async (ledger: LedgerApp, run: HistoryRun, probes: readonly number[]) => {
  const moments = run.probeMoments();
  for (let i = 8; i < 12; i++) {
    const at = pick(moments, probes[i]);
    for (const id of PUPIL_IDS) {
      const res = await ledger
        .as('director')
        .get(`/access?pupilId=${id}&at=${q(at)}`)
        .expect(200);
      expect({ pupil: id, at: iso(at), access: lines(res.body.access) }).toEqual({
        pupil: id,
        at: iso(at),
        access: lines(run.model.linesAt(at, (s) => s.pupil === id)),
      });
    }
    for (const recipient of ['lib', 'web', 'duo', 'pub']) {
      const res = await ledger
        .as('board')
        .get(`/access?recipientId=${recipient}&at=${q(at)}`)
        .expect(200);
      expect({ recipient, at: iso(at), access: lines(res.body.access) }).toEqual({
        recipient,
        at: iso(at),
        access: lines(run.model.linesAt(at, (s) => s.recipient === recipient)),
      });
    }
  }
};

/** The board's figures over HTTP: consent rates per school year, refusals and withdrawals, sharings without basis. */
export const compareBoardReport = async (ledger: LedgerApp, run: HistoryRun) => {
  const m = run.model;
  const from = dayStart('2021-08-01');
  const res = await ledger
    .as('board')
    .get(`/reports/board?schoolId=${SCHOOL}&from=2021-08-01&to=${q(run.now)}`)
    .expect(200);
  const label = (t: number) => {
    const y = new Date(t).getUTCFullYear() - (t < Date.UTC(new Date(t).getUTCFullYear(), 6, 31, 22) ? 1 : 0);
    return `${y}-${y + 1}`;
  };
  for (let y = 2021; Date.UTC(y, 6, 31, 22) <= run.now; y++) {
    const judged = Math.min(Date.UTC(y + 1, 6, 31, 22) - 1, run.now);
    const enrolled = [...m.pupils.values()].filter((p) => dayStart(p.enrolledOn) <= judged && (p.leftOn === null || dayStart(p.leftOn) > judged));
    for (const purpose of PURPOSES) {
      const row = res.body.consentRates.find((r: { schoolYear: string; purpose: string }) => r.schoolYear === `${y}-${y + 1}` && r.purpose === purpose);
      const active = enrolled.filter((p) => m.status(p.id, purpose, judged).status === 'active').length;
      expect({ year: y, purpose, pupils: row?.pupils, active: row?.active }).toEqual({ year: y, purpose, pupils: enrolled.length, active });
    }
  }
  for (const kind of ['refused', 'withdrawn'] as const) {
    const counts = new Map<string, number>();
    for (const f of m.facts.filter((x) => x.kind === kind && x.at >= from && x.at <= run.now)) {
      const key = `${label(f.at)} ${f.purpose}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const got = res.body[kind === 'refused' ? 'refusals' : 'withdrawals'].map((r: { schoolYear: string; purpose: string; count: number }) => [
      `${r.schoolYear} ${r.purpose}`,
      r.count,
    ]);
    expect({ kind, counts: got.sort() }).toEqual({ kind, counts: [...counts].sort() });
  }
  const waiting = [...m.pupils.values()].filter((p) => p.leftOn !== null && p.destroyedAt === null).map((p) => m.retentionFrom(p) as number);
  expect({ due: res.body.destructions.due, overdue: res.body.destructions.overdue }).toEqual({
    due: waiting.filter((t) => t > run.now && t <= run.now + 90 * 86_400_000).length,
    overdue: waiting.filter((t) => t <= run.now).length,
  });
  const want = m.sharings
    .filter((s) => s.at >= from && s.at <= run.now)
    .map((s) => m.line(s))
    .filter((l) => l.problem)
    .map((l) => ({ pupilId: l.pupilId, recipientId: l.recipientId, sharedAt: iso(l.from), basisEndedAt: iso(l.until), eventIds: l.eventIds }));
  const got = res.body.sharingsWithoutBasis.map(({ pupilId, recipientId, sharedAt, basisEndedAt, eventIds }: Record<string, unknown>) => ({
    pupilId,
    recipientId,
    sharedAt,
    basisEndedAt,
    eventIds,
  }));
  const order = (xs: object[]) => xs.map((x) => JSON.stringify(x)).sort();
  expect(order(got)).toEqual(order(want));
};

/** The lapses the expiry pass announces, and every consent change's status on the feed and the topic. */
export const compareIntegrationEvents = async (ledger: LedgerApp, run: HistoryRun) => {
  const m = run.model;
  await ledger.app.get(ConsentExpiryScheduler).run();
  const due = m.facts.filter((f) => {
    const p = m.pupils.get(f.pupil)!;
    if (f.kind !== 'given' || f.endsAt === null || f.endsAt > run.now || f.recordedAt >= f.endsAt || p.destroyedAt !== null) return false;
    const later = (g: typeof f) => g.at > f.at || (g.at === f.at && (g.recordedAt > f.recordedAt || (g.recordedAt === f.recordedAt && g.seq > f.seq)));
    return !m.facts.some(
      (g) =>
        g !== f &&
        g.pupil === f.pupil &&
        g.purpose === f.purpose &&
        (g.decider === f.decider || (g.kind === 'withdrawn' && g.decider === f.pupil)) &&
        g.at < (f.endsAt as number) &&
        later(g),
    );
  });
  const expired = (await Promise.all(PUPIL_IDS.map((id) => ledger.stream(id)))).flat().filter((e) => e.type === 'ConsentExpired');
  expect(sorted(expired.map((e) => (e.data as { consentEventId: string }).consentEventId))).toEqual(sorted(due.map((f) => f.eventId)));
  const feed = await ledger.as('system').get('/events?limit=1000').expect(200);
  for (const item of feed.body.events.filter((e: { data: { type: string } }) => e.data.type.startsWith('consent.'))) {
    const { pupilId, purpose, consentStatus, consentUntil, type } = item.data;
    const fact = m.facts.find((f) => f.eventId === item.id);
    const [at, upTo] = type === 'consent.expired' ? [run.now, Infinity] : [fact!.recordedAt, fact!.seq];
    const want = { status: m.status(pupilId, purpose, at, Infinity, upTo).status, until: iso(m.sinceUntil(pupilId, purpose, at, Infinity, upTo).until) };
    expect({ event: item.id, type, at: item.data.recordedAt, consentStatus, consentUntil }).toEqual({
      event: item.id,
      type,
      at: item.data.recordedAt,
      consentStatus: want.status,
      consentUntil: want.until,
    });
  }
};
