import { DEFAULT_CATALOGUE } from '../ledger/domain/purposes';
import { accessInterval, type AccessLine } from '../../projections/access.view';
import { consentsAsOf } from '../../projections/consents.view';
import { pupilConsentsOf } from '../../projections/pupil-consents.projection';
import type { SharingLine } from '../../projections/sharings.projection';
import { refuse } from '../ledger/domain/errors';
import { evolveCatalogue, initialCatalogueState } from '../catalogue/domain/catalogue-decider';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import { CATALOGUE_STREAM, pupilStream, recipientStream } from '../ledger/domain/streams';
import type { PersonalData } from '../personal-data/personal-data';
import type { PurposeStatus } from '../pupils/domain/consent-status';
import type { PupilEventData, RecordedPupilEvent } from '../pupils/domain/pupil-events';
import { evolvePupil, initialPupilState } from '../pupils/domain/pupil-state';
import { evolveRecipient, initialRecipientState, type RecipientState } from '../recipients/domain/recipient-state';
import type { EventStore } from '../core/ports/event-store.port';

export interface PupilExport {
  readonly pupilId: string;
  readonly generatedAt: string;
  readonly schoolId: string | null;
  readonly dossier: 'kept' | 'destroyed';
  /** Decrypted, or a shredded marker once the dossier was destroyed. */
  readonly personal: unknown;
  readonly enrolledOn: string | null;
  readonly leftOn: string | null;
  readonly guardians: readonly { guardianId: string; relation: string }[];
  readonly consents: readonly PurposeStatus[];
  readonly sharings: readonly (Omit<AccessLine, 'legalReference'> & { legalReference: unknown; recipientName: string | null; recipientKind: string | null })[];
  /** The Dutch and English labels of the board's own purposes (POST /purposes) among the pupil's consents; default purposes are named by the page itself. */
  readonly purposeLabels: readonly { readonly purpose: string; readonly nl: string; readonly en: string }[];
  readonly events: readonly { eventId: string; type: string; occurredAt: string; recordedAt: string; hash: string | null; data: unknown }[];
}

const fold = <S>(events: readonly RecordedEvent[], evolve: (s: S, e: never) => S, initial: S) => events.reduce((s, e) => evolve(s, e as never), initial);

/**
 * Everything the ledger holds about one pupil (AVG art. 15), read from the events themselves:
 * the right of access must not depend on a read model being current.
 */
export const exportPupil = async (store: Pick<EventStore, 'readStream'>, personal: PersonalData, pupilId: string, now: string): Promise<PupilExport> => {
  const { events } = await store.readStream(pupilStream(pupilId));
  if (events.length === 0) refuse('PUPIL.NOT_FOUND', `pupil ${pupilId} is not enrolled`);
  const pupil = fold(events, evolvePupil, initialPupilState);
  const recipients = new Map<string, RecipientState>();
  const lines: SharingLine[] = [];
  for (const e of events as readonly RecordedPupilEvent[]) {
    if (e.type !== 'DataShared') continue;
    const d = e.data;
    lines.push({ ...d, sharedAt: e.occurredAt, recordedAt: e.recordedAt, eventId: e.eventId });
    if (!recipients.has(d.recipientId))
      recipients.set(d.recipientId, fold((await store.readStream(recipientStream(d.recipientId))).events, evolveRecipient, initialRecipientState));
  }
  const enrolment = events.find((e) => e.type === 'PupilEnrolled')?.data as PupilEventData['PupilEnrolled'] | undefined;
  const catalogue = fold((await store.readStream(CATALOGUE_STREAM)).events, evolveCatalogue, initialCatalogueState).purposes;
  const consents = consentsAsOf(pupilConsentsOf(pupil), catalogue, { at: now }).filter((c) => c.status !== 'none');
  return {
    pupilId,
    generatedAt: now,
    schoolId: pupil.schoolId,
    dossier: pupil.status === 'destroyed' ? 'destroyed' : 'kept',
    personal: enrolment?.personal ? personal.reveal(pupilId, enrolment.personal) : null,
    enrolledOn: pupil.enrolledOn,
    leftOn: pupil.left?.leftOn ?? null,
    guardians: pupil.guardians,
    consents,
    purposeLabels: [...catalogue.values()].flatMap((p) =>
      p.labels && !DEFAULT_CATALOGUE.has(p.purpose) && consents.some((c) => c.purpose === p.purpose)
        ? [{ purpose: p.purpose, nl: p.labels.nl, en: p.labels.en }]
        : [],
    ),
    sharings: lines.map((l) => {
      const r = recipients.get(l.recipientId);
      const line = accessInterval(l, pupil, r);
      // The parent's own export: a free-text legal reference is opened, or shows as shredded.
      return {
        ...line,
        legalReference: personal.reveal(pupilId, line.legalReference),
        recipientName: r?.registered?.name ?? null,
        recipientKind: r?.registered?.kind ?? null,
      };
    }),
    events: events.map((e) => ({
      eventId: e.eventId,
      type: e.type,
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt,
      hash: e.hash ?? null,
      data: personal.reveal(pupilId, e.data),
    })),
  };
};
