import { Injectable } from '@nestjs/common';
import type { CommandMeta } from '../ledger/command-handling/command-meta';
import { pupilStream, recipientStream } from '../ledger/domain/streams';
import { PupilLedger, pupilRef } from '../pupils/pupil-ledger';
import { recipientFold } from '../recipients/recipient-ledger';
import { decideSharing, type ShareData } from './domain/sharing-decider';

/** What a sharing asks, without what the handler fills in (sealing, the shredding intents). */
export type ShareDataAsked = Omit<ShareData, 'type' | 'sealLegalReference' | 'isShredding' | 'schools'>;

/**
 * Rule 5 across many pupils, through the one door: one DataShared per pupil, each appended at the
 * revision its consent was judged on, all or nothing.
 */
@Injectable()
export class DataSharing {
  constructor(private readonly pupils: PupilLedger) {}

  /** Answers `{sharingId, eventIds}`: the DataShared of every pupil, in the order asked. */
  async share(asked: ShareDataAsked, meta: CommandMeta): Promise<{ sharingId: string; eventIds: string[] }> {
    const { door, personal, keys, catalogue } = this.pupils;
    // A sharing on consent judges the recipient's purpose: one this instance does not know yet is read first.
    const purposes = asked.legalBasis === 'consent' ? await catalogue.refresh() : catalogue.current();
    const command: ShareData = {
      ...asked,
      type: 'ShareData',
      schools: meta.schools,
      sealLegalReference: (pupilId, text) => personal.seal(pupilId, text),
      isShredding: (pupilId) => keys.isShredding(pupilId),
    };
    return door.run({
      meta,
      reads: { recipient: { stream: recipientStream(asked.recipientId), fold: recipientFold }, pupils: asked.pupilIds.map(pupilRef) },
      decide: (states, now) => {
        const { appends, repeated } = decideSharing(command, states, { now, catalogue: purposes });
        return {
          appends: appends.map((a) => ({ stream: pupilStream(a.pupilId), events: a.events, schoolId: a.schoolId })),
          answer: (recorded) => ({ sharingId: asked.sharingId, eventIds: [...repeated, ...recorded].map((e) => e.eventId) }),
        };
      },
    });
  }
}
