import { createHash } from 'node:crypto';
import type { EventMetadata } from '../src/ledger/domain/recorded-event';
import { DEFAULT_PURPOSES } from '../src/ledger/domain/purposes';
import { pupilStream, recipientStream } from '../src/ledger/domain/streams';
import type { EventToAppend, StreamWrite } from '../src/core/ports/event-store.port';
import { Prng } from './prng';

/**
 * A seeded, deterministic history of Dutch primary schools: boards of schools, pupils with one or
 * two guardians, consents and refusals per purpose and school year (photo consent re-confirmed
 * every year), withdrawals, sharings on each legal basis, departures and destructions. About ten
 * events per pupil per school year, as the national figure (1.5 M pupils, 15 M events a year).
 */
export interface HistoryShape {
  readonly seed: number;
  readonly pupils: number;
  /** School years covered, ending with 2025-2026. */
  readonly years: number;
  readonly pupilsPerSchool?: number;
  readonly schoolsPerBoard?: number;
}

const DAY = 86_400_000;
const YEARLY = DEFAULT_PURPOSES.filter((p) => p.yearly).map((p) => p.purpose);
const ONCE = DEFAULT_PURPOSES.filter((p) => !p.yearly).map((p) => p.purpose);

/**
 * Event ids from a hash of (seed, pupil, n): unique at any scale. A 32-bit generator seeded per
 * pupil would repeat itself across millions of pupils.
 */
const idOf = (...parts: (string | number)[]) => {
  const h = createHash('sha1').update(parts.join(':')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

export const schoolOf = (pupil: number, perSchool = 200) => `s-${Math.floor(pupil / perSchool)}`;
export const pupilIdOf = (pupil: number) => `p-${pupil}`;
export const libraryOf = (schoolId: string) => `lib-${schoolId}`;

/** The board's register: the ministry, one publisher with an agreement, and each school's library. */
export function* registerWrites(shape: HistoryShape, prng = new Prng(shape.seed ^ 0x5eed)): Generator<StreamWrite> {
  const at = '2020-08-01T08:00:00.000Z';
  const meta = metadata(prng, null);
  let i = 0;
  const event = (type: string, data: unknown): EventToAppend => ({
    eventId: idOf(shape.seed, 'register', i++),
    type,
    occurredAt: at,
    recordedAt: at,
    metadata: meta,
    data,
  });
  yield {
    stream: recipientStream('duo'),
    expectedRevision: 'no_stream',
    events: [
      event('RecipientRegistered', {
        recipientId: 'duo',
        name: 'DUO',
        kind: 'authority',
        purpose: null,
        dataCategories: ['identity', 'school-results', 'health'],
      }),
    ],
  };
  yield {
    stream: recipientStream('publisher'),
    expectedRevision: 'no_stream',
    events: [
      event('RecipientRegistered', {
        recipientId: 'publisher',
        name: 'Uitgeverij',
        kind: 'processor',
        purpose: null,
        dataCategories: ['identity', 'login-minimal', 'school-results'],
      }),
      event('ProcessorAgreementConcluded', {
        recipientId: 'publisher',
        agreementId: 'pa-1',
        validFrom: at,
        validUntil: null,
        dataCategories: ['identity', 'login-minimal', 'school-results'],
      }),
    ],
  };
  const schools = Math.ceil(shape.pupils / (shape.pupilsPerSchool ?? 200));
  for (let s = 0; s < schools; s++) {
    const lib = libraryOf(`s-${s}`);
    yield {
      stream: recipientStream(lib),
      expectedRevision: 'no_stream',
      events: [
        event('RecipientRegistered', {
          recipientId: lib,
          name: 'Bibliotheek',
          kind: 'third_party',
          purpose: 'share-library',
          dataCategories: ['identity', 'contact'],
        }),
      ],
    };
  }
}

const metadata = (prng: Prng, schoolId: string | null): EventMetadata => ({
  schemaVersion: 1,
  actor: { id: 'a3f09c1d22e4b871', role: 'registrar' },
  schoolId,
  correlationId: prng.uuid(),
  causationId: null,
  idempotencyKeySha256: null,
});

/** One pupil's whole stream, as the ledger would have recorded it. */
export const pupilWrite = (shape: HistoryShape, n: number): StreamWrite => {
  const prng = new Prng(shape.seed * 7919 + n);
  const pupilId = pupilIdOf(n);
  const schoolId = schoolOf(n, shape.pupilsPerSchool);
  const guardians = prng.chance(0.75) ? [`${pupilId}-g1`, `${pupilId}-g2`] : [`${pupilId}-g1`];
  const lastYear = 2025;
  const firstYear = lastYear - shape.years + 1 - (prng.chance(0.2) ? 0 : prng.int(0, 3));
  const events: EventToAppend[] = [];
  const meta = metadata(prng, schoolId);
  const add = (type: string, atMs: number, data: object) => {
    const occurredAt = new Date(atMs).toISOString();
    // One form in five reaches the administration a few days after it was signed.
    const recordedAt = new Date(atMs + (prng.chance(0.2) ? prng.int(1, 10) * DAY : prng.int(1, 3600) * 1000)).toISOString();
    events.push({
      eventId: idOf(shape.seed, n, events.length),
      type,
      occurredAt,
      recordedAt,
      metadata: { ...meta, correlationId: idOf(shape.seed, n, events.length, 'c') },
      data: { pupilId, ...data },
    });
  };
  const yearStart = (y: number) => Date.UTC(y, 7, 20, 8);
  add('PupilEnrolled', Date.UTC(firstYear, 7, 20), {
    schoolId,
    enrolledOn: new Date(Date.UTC(firstYear, 7, 20)).toISOString().slice(0, 10),
    guardians: guardians.map((g) => ({ guardianId: g, relation: 'parent' })),
    personal: { alg: 'A256GCM', iv: 'q1Xz0kP3mB7v2RtY', tag: 'Vb9sK2mQ8xLp4Nw7Rt1Yz0==', ct: 'm3Q8vK1pX9tR2wL7zB4nY6sD0fH5jG=' },
  });
  const consenting = new Set<string>();
  for (const purpose of ONCE) {
    const g = prng.pick(guardians);
    const at = yearStart(firstYear) + prng.int(1, 20) * DAY;
    if (prng.chance(0.6)) {
      add('ConsentGiven', at, { purpose, guardianId: g, noticeVersion: `v${firstYear}-1`, channel: 'paper', validUntil: null, yearly: false });
      consenting.add(purpose);
    } else if (prng.chance(0.4)) add('ConsentRefused', at, { purpose, guardianId: g });
  }
  let left: number | null = null;
  for (let y = firstYear; y <= lastYear && left === null; y++) {
    for (const purpose of YEARLY) {
      const g = prng.pick(guardians);
      const at = yearStart(y) + prng.int(1, 25) * DAY;
      const roll = prng.next();
      if (roll < 0.8) {
        add('ConsentGiven', at, {
          purpose,
          guardianId: g,
          noticeVersion: `v${y}-1`,
          channel: prng.pick(['paper', 'parent-app']),
          validUntil: null,
          yearly: true,
        });
        if (prng.chance(0.04)) add('ConsentWithdrawn', at + prng.int(30, 200) * DAY, { purpose, guardianId: g, reason: null });
      } else if (roll < 0.92) add('ConsentRefused', at, { purpose, guardianId: g });
    }
    const october = Date.UTC(y, 9, 1, 9);
    add('DataShared', october, {
      sharingId: idOf(shape.seed, n, y, 'duo'),
      recipientId: 'duo',
      dataCategories: ['identity', 'school-results'],
      legalBasis: 'legal_obligation',
      legalReference: 'WPO art. 178a',
      purpose: null,
      consentEventIds: [],
      agreementId: null,
      until: null,
    });
    add('DataShared', october + DAY, {
      sharingId: idOf(shape.seed, n, y, 'publisher'),
      recipientId: 'publisher',
      dataCategories: ['login-minimal'],
      legalBasis: 'processor_agreement',
      legalReference: null,
      purpose: null,
      consentEventIds: [],
      agreementId: 'pa-1',
      until: null,
    });
    if (consenting.has('share-library'))
      add('DataShared', october + 2 * DAY, {
        sharingId: idOf(shape.seed, n, y, 'library'),
        recipientId: libraryOf(schoolId),
        dataCategories: ['identity'],
        legalBasis: 'consent',
        legalReference: null,
        purpose: 'share-library',
        consentEventIds: [events[1]?.eventId ?? ''],
        agreementId: null,
        until: null,
      });
    if (y < lastYear && prng.chance(0.05)) left = y;
  }
  if (left !== null) {
    const leftOn = new Date(Date.UTC(left + 1, 6, 10)).toISOString().slice(0, 10);
    add('PupilLeft', Date.parse(leftOn), { leftOn });
    if (left + 3 <= lastYear)
      add('DossierDestroyed', Date.UTC(left + 3, 6, 15), { reason: 'retention_expired', retentionEndedOn: `${left + 3}-07-10`, keyDestroyed: true });
  }
  return { stream: pupilStream(pupilId), expectedRevision: 'no_stream', events };
};
