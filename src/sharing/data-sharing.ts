import { Injectable } from '@nestjs/common';
import type { CommandMeta } from '../ledger/command-handling/command-meta';
import type { CommandResult } from '../ledger/command-handling/command-runner';
import { DomainError, type ErrorCode } from '../ledger/domain/errors';
import { type EventRef, isUnchanged } from '../ledger/domain/recorded-event';
import { pupilStream, recipientStream } from '../ledger/domain/streams';
import { decidePupil } from '../pupils/domain/pupil-decider';
import { mustBeServed } from '../pupils/domain/school-scope-policy';
import { PupilLedger, pupilFold } from '../pupils/pupil-ledger';
import { sharingTerms } from '../recipients/domain/sharing-terms';
import { recipientFold } from '../recipients/recipient-ledger';
import type { StreamWrite } from '../store/event-store.port';
import type { ShareDataDto } from './share-data/share-data.dto';

/** Worst refusal first: a missing pupil (404) outranks a destroyed one (410), which outranks missing consent (409). */
const SEVERITY: readonly ErrorCode[] = ['PUPIL.NOT_FOUND', 'PUPIL.DOSSIER_DESTROYED', 'CONSENT.MISSING_FOR_SHARING'];

/**
 * Rule 5 across many pupils: one DataShared per pupil, each appended at the revision its consent
 * was judged on. The whole command is refused if any pupil fails, naming every one of them.
 */
@Injectable()
export class DataSharing {
  constructor(private readonly pupils: PupilLedger) {}

  share(sharingId: string, dto: ShareDataDto, meta: CommandMeta): Promise<CommandResult> {
    const { runner } = this.pupils;
    return runner.withRetries(meta, async () => {
      const now = runner.clock.now();
      const recipient = await runner.fold(recipientStream(dto.recipientId), recipientFold);
      const ctx = { now, catalogue: await this.pupils.catalogue.knowing(recipient.state.registered?.purpose) };
      const { freeLegalReference, ...recipientTerms } = sharingTerms(dto, recipient.state, ctx);
      const writes: StreamWrite[] = [];
      const refs: EventRef[] = [];
      const refusals: { pupilId: string; error: DomainError }[] = [];
      for (const pupilId of dto.pupilIds) {
        try {
          const { state, revision } = await runner.fold(pupilStream(pupilId), pupilFold);
          mustBeServed(state, pupilId, meta.schools);
          this.pupils.refuseIfShredding(pupilId);
          // Free text is personal data (rule 7): sealed under each pupil's own key, and only for a pupil the ledger knows.
          const legalReferenceText = freeLegalReference !== null && state.status === 'enrolled' ? this.pupils.personal.seal(pupilId, freeLegalReference) : null;
          const terms = { ...recipientTerms, legalReferenceText };
          const decision = decidePupil({ type: 'RecordSharing', pupilId, sharingId, terms }, state, ctx);
          if (isUnchanged(decision)) refs.push(decision.unchanged);
          else writes.push({ stream: pupilStream(pupilId), expectedRevision: revision, events: runner.envelope(decision, meta, state.schoolId, now) });
        } catch (e) {
          if (!(e instanceof DomainError) || !SEVERITY.includes(e.code)) throw e;
          refusals.push({ pupilId, error: e });
        }
      }
      if (refusals.length > 0) throw combined(refusals);
      return runner.commit(writes, meta, (events) => ({ sharingId, eventIds: [...refs, ...events].map((e) => e.eventId) }));
    });
  }
}

const combined = (refusals: readonly { pupilId: string; error: DomainError }[]): DomainError => {
  const code = SEVERITY.find((c) => refusals.some((r) => r.error.code === c)) as ErrorCode;
  const worst = refusals.filter((r) => r.error.code === code);
  const details = worst.map(({ pupilId, error }) => ({ field: 'pupilIds', pupilId, problem: error.details[0]?.problem ?? error.message }));
  return new DomainError(code, `the sharing is refused for ${worst.map((r) => r.pupilId).join(', ')}; nothing was recorded`, details);
};
