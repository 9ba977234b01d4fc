import { consentsAsOf } from '../../projections/consents.view';
import { pupilConsentsOf } from '../../projections/pupil-consents.projection';
import type { Purpose } from '../ledger/domain/purposes';
import { ms } from '../ledger/domain/time';
import type { RecordedEvent } from '../ledger/domain/recorded-event';
import type { PurposeStatus } from '../pupils/domain/consent-status';
import type { PupilState } from '../pupils/domain/pupil-state';
import type { RecipientState } from '../recipients/domain/recipient-state';

/** DPV's consent states for the ledger's; `conflicting` has none, so it says it cannot be relied on. */
const DPV_STATUS: Record<PurposeStatus['status'], string> = {
  active: 'dpv:ConsentGiven',
  conflicting: 'dpv:ConsentInvalidated',
  refused: 'dpv:ConsentRefused',
  withdrawn: 'dpv:ConsentWithdrawn',
  lapsed: 'dpv:ConsentExpired',
  none: 'dpv:ConsentUnknown',
};

const DPV_EVENT: Record<string, string> = {
  ConsentGiven: 'dpv:ConsentGiven',
  ConsentRefused: 'dpv:ConsentRefused',
  ConsentWithdrawn: 'dpv:ConsentWithdrawn',
  ConsentExpired: 'dpv:ConsentExpired',
};

/**
 * A consent record in the shape of ISO/IEC TS 27560, with the W3C DPV profile's field names:
 * who the record is about (a pseudonym), the controller, the purpose with its data and
 * recipients, the notice, who indicated what and when, and the events with their hashes.
 */
export const consentReceipt = (args: {
  readonly pupil: PupilState;
  readonly purpose: Purpose;
  readonly events: readonly RecordedEvent[];
  readonly recipients: readonly RecipientState[];
  readonly at: string;
}) => {
  const pupilId = args.pupil.pupilId as string;
  const status = consentsAsOf(pupilConsentsOf(args.pupil), new Map([[args.purpose.purpose, args.purpose]]), { at: args.at })[0];
  // Listed in business-time order (rule 12): a paper form typed in late sits where it was signed.
  const facts = args.events
    .filter((e) => e.type in DPV_EVENT && (e.data as { purpose?: string }).purpose === args.purpose.purpose)
    .sort((a, b) => ms(a.occurredAt) - ms(b.occurredAt) || ms(a.recordedAt) - ms(b.recordedAt) || a.revision - b.revision);
  const latest = facts.reduce<RecordedEvent | undefined>((l, e) => (!l || ms(e.recordedAt) >= ms(l.recordedAt) ? e : l), undefined);
  return {
    '@context': { dpv: 'https://w3id.org/dpv#', dct: 'http://purl.org/dc/terms/' },
    '@type': 'dpv:ConsentRecord',
    'dct:conformsTo': 'ISO/IEC TS 27560:2023',
    'dpv:hasIdentifier': `${pupilId}/${args.purpose.purpose}`,
    'dct:modified': latest?.recordedAt ?? null,
    'dpv:hasDataSubject': { '@type': 'dpv:Child', 'dpv:hasIdentifier': pupilId },
    'dpv:hasDataController': { '@type': 'dpv:DataController', 'dpv:hasIdentifier': args.pupil.schoolId },
    'dpv:hasConsentStatus': DPV_STATUS[status.status],
    'dpv:hasNotice': status.noticeVersion ? { 'dct:hasVersion': status.noticeVersion } : null,
    'dpv:hasPurpose': {
      'dct:identifier': args.purpose.purpose,
      'dct:description': args.purpose.description,
      'dpv:hasLegalBasis': 'dpv:Consent',
      'dpv:hasPersonalData': args.purpose.dataCategories,
      'dpv:hasRecipient': args.recipients.map((r) => ({
        'dpv:hasIdentifier': r.registered?.recipientId,
        'dpv:hasName': r.registered?.name,
        '@type': r.registered?.kind === 'processor' ? 'dpv:DataProcessor' : r.registered?.kind === 'authority' ? 'dpv:Authority' : 'dpv:ThirdParty',
      })),
    },
    'dpv:hasDuration': status.until ? { 'dpv:hasEnd': status.until } : null,
    'dpv:isIndicatedBy': status.guardians.map((g) => ({
      'dpv:hasIdentifier': g.guardianId,
      '@type': g.guardianId === pupilId ? 'dpv:DataSubject' : 'dpv:Guardian',
      'dpv:hasConsentStatus': g.decision,
      'dpv:isIndicatedAtTime': g.at,
    })),
    'dct:hasPart': facts.map((e) => ({
      '@type': DPV_EVENT[e.type],
      'dct:identifier': e.eventId,
      'dpv:isIndicatedBy': (e.data as { guardianId: string }).guardianId,
      'dpv:isIndicatedAtTime': e.occurredAt,
      'dct:dateSubmitted': e.recordedAt,
      'dpv:hasIndicationMethod': (e.data as { channel?: string }).channel ?? null,
      'dct:hasVersion': (e.data as { noticeVersion?: string }).noticeVersion ?? null,
      hash: e.hash ?? null,
    })),
  };
};
