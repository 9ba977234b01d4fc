import type { RecordedEvent } from '../../ledger/domain/recorded-event';
import { type ConsentFact, type PurposeStatus, purposeStatus } from '../../pupils/domain/consent-status';
import type { PupilEventData, RecordedPupilEvent } from '../../pupils/domain/pupil-events';
import { consentFactOf } from '../../pupils/domain/pupil-state';
import type { RecipientEventData } from '../../recipients/domain/recipient-events';
import type { CatalogueEventData } from '../../catalogue/domain/catalogue-events';
import { INTERNAL_EVENT_TYPES } from '../../reads/domain/read-events';

/**
 * The published contract on the topic (schema v1), not the ledger's internal events: pseudonymous
 * ids, purposes, categories and statuses only — no name, birth date, free text or guardian id.
 * Changing a field's meaning means a v2 type, never an edit of v1.
 */
export const CONTRACT_VERSION = 'v1';

/** The CloudEvents `source` of every message; a school's path is appended to it. */
export const CLOUDEVENTS_SOURCE = '/consent-ledger';

interface Common {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly schoolId: string | null;
}

export type IntegrationEvent = Common &
  (
    | { readonly type: 'pupil.enrolled'; readonly pupilId: string; readonly enrolledOn: string }
    | {
        readonly type: 'consent.given' | 'consent.refused' | 'consent.withdrawn' | 'consent.expired';
        readonly pupilId: string;
        readonly purpose: string;
        /**
         * The purpose's status for this pupil at the event's recordedAt, as known then: only `active`
         * may be relied on. A form dated in a past school year is `lapsed` already when it arrives.
         */
        readonly consentStatus: PurposeStatus['status'];
        readonly consentUntil: string | null;
      }
    | {
        readonly type: 'data.shared';
        readonly pupilId: string;
        readonly recipientId: string;
        readonly dataCategories: readonly string[];
        readonly legalBasis: string;
        readonly until: string | null;
      }
    | { readonly type: 'pupil.left'; readonly pupilId: string; readonly leftOn: string }
    | { readonly type: 'dossier.destroyed'; readonly pupilId: string; readonly reason: string }
    | {
        readonly type: 'recipient.registered';
        readonly recipientId: string;
        readonly kind: string;
        readonly purpose: string | null;
        readonly dataCategories: readonly string[];
      }
    | {
        readonly type: 'agreement.concluded';
        readonly recipientId: string;
        readonly agreementId: string;
        readonly validFrom: string;
        readonly validUntil: string | null;
        readonly dataCategories: readonly string[];
      }
    | { readonly type: 'agreement.ended'; readonly recipientId: string; readonly agreementId: string }
    | {
        readonly type: 'purpose.defined';
        readonly purpose: string;
        readonly yearly: boolean;
        readonly dataCategories: readonly string[];
        readonly labels: { readonly nl: string; readonly en: string };
      }
  );

const CONSENT_TYPES = {
  ConsentGiven: 'consent.given',
  ConsentRefused: 'consent.refused',
  ConsentWithdrawn: 'consent.withdrawn',
  ConsentExpired: 'consent.expired',
} as const;

export const isConsentChange = (type: string): type is keyof typeof CONSENT_TYPES => type in CONSENT_TYPES;

/**
 * What a consent change tells downstream: the purpose's status at the event's `recordedAt`, as
 * known then — from the pupil's stream up to and including the event, so a message sent again
 * carries the same value. `stream` is the pupil's stream (at least up to the event).
 */
export const consentStatusWhenRecorded = (stream: readonly RecordedEvent[], e: RecordedEvent): PurposeStatus => {
  const { pupilId, purpose } = e.data as { pupilId: string; purpose: string };
  const facts: ConsentFact[] = [];
  for (const s of stream) {
    const f = s.revision <= e.revision ? consentFactOf(s as RecordedPupilEvent) : null;
    if (f) facts.push(f);
  }
  return purposeStatus(facts, purpose, pupilId, { at: e.recordedAt });
};

/** Whether an event is published at all: the ledger's own records (reads of personal data) never are. */
export const isPublished = (type: string): boolean => !INTERNAL_EVENT_TYPES.has(type);

/** Maps a recorded event to the contract; `status` is consentStatusWhenRecorded's answer for a consent change. */
export const toIntegrationEvent = (e: RecordedEvent, status?: PurposeStatus): IntegrationEvent => {
  const common: Common = { eventId: e.eventId, occurredAt: e.occurredAt, recordedAt: e.recordedAt, schoolId: e.metadata.schoolId };
  const d = e.data as Record<string, never>;
  if (isConsentChange(e.type)) {
    const c = e.data as PupilEventData['ConsentGiven'];
    return {
      ...common,
      type: CONSENT_TYPES[e.type],
      pupilId: c.pupilId,
      purpose: c.purpose,
      consentStatus: status?.status ?? 'none',
      consentUntil: status?.until ?? null,
    };
  }
  switch (e.type) {
    case 'PupilEnrolled':
      return { ...common, type: 'pupil.enrolled', pupilId: d.pupilId, enrolledOn: d.enrolledOn };
    case 'DataShared': {
      const s = e.data as PupilEventData['DataShared'];
      return {
        ...common,
        type: 'data.shared',
        pupilId: s.pupilId,
        recipientId: s.recipientId,
        dataCategories: s.dataCategories,
        legalBasis: s.legalBasis,
        until: s.until,
      };
    }
    case 'PupilLeft':
      return { ...common, type: 'pupil.left', pupilId: d.pupilId, leftOn: d.leftOn };
    case 'DossierDestroyed':
      return { ...common, type: 'dossier.destroyed', pupilId: d.pupilId, reason: d.reason };
    case 'RecipientRegistered': {
      const r = e.data as RecipientEventData['RecipientRegistered'];
      return { ...common, type: 'recipient.registered', recipientId: r.recipientId, kind: r.kind, purpose: r.purpose, dataCategories: r.dataCategories };
    }
    case 'ProcessorAgreementConcluded': {
      const a = e.data as RecipientEventData['ProcessorAgreementConcluded'];
      return {
        ...common,
        type: 'agreement.concluded',
        recipientId: a.recipientId,
        agreementId: a.agreementId,
        validFrom: a.validFrom,
        validUntil: a.validUntil,
        dataCategories: a.dataCategories,
      };
    }
    case 'ProcessorAgreementEnded':
      return { ...common, type: 'agreement.ended', recipientId: d.recipientId, agreementId: d.agreementId };
    case 'PurposeDefined': {
      const p = e.data as CatalogueEventData['PurposeDefined'];
      // Read defensively: a mapping never throws on an event's data (the relay would stop on it).
      return {
        ...common,
        type: 'purpose.defined',
        purpose: p.purpose,
        yearly: p.yearly,
        dataCategories: p.dataCategories,
        labels: { nl: p.labels?.nl, en: p.labels?.en },
      };
    }
    default:
      throw new Error(`no integration event for ${e.type}`);
  }
};

/**
 * Messages are keyed by the pupil's pseudonym (recipient events by the recipient, the catalogue's by
 * the purpose), so one pupil's events stay in order.
 */
export const subjectOf = (ie: IntegrationEvent): string => ('pupilId' in ie ? ie.pupilId : 'recipientId' in ie ? ie.recipientId : ie.purpose);

/** CloudEvents 1.0 context attributes of an integration event: the same on the topic and in the feed. */
export const cloudEventAttributes = (ie: IntegrationEvent, source: string) => ({
  specversion: '1.0',
  id: ie.eventId,
  type: `nl.consent-ledger.${ie.type}.${CONTRACT_VERSION}`,
  source: ie.schoolId ? `${source}/schools/${ie.schoolId}` : `${source}/board`,
  time: ie.occurredAt,
  subject: subjectOf(ie),
  recordedtime: ie.recordedAt,
});

/** CloudEvents 1.0, Kafka protocol binding, binary mode: the attributes travel as `ce_` headers. */
export const cloudEventHeaders = (ie: IntegrationEvent, source: string): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(cloudEventAttributes(ie, source))) headers[`ce_${name}`] = value;
  headers['content-type'] = 'application/json';
  return headers;
};

/** CloudEvents 1.0, JSON event format (structured mode): how GET /events serves what the topic carries. */
export const structuredCloudEvent = (ie: IntegrationEvent, source: string) => ({
  ...cloudEventAttributes(ie, source),
  datacontenttype: 'application/json',
  data: ie,
});
