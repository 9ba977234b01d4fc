import { refuse } from '../../ledger/domain/errors';
import { businessTime } from '../../ledger/domain/policies';
import { type DataCategory, mustKnowPurpose, type PurposeCatalogue } from '../../ledger/domain/purposes';
import type { CommandContext, Decision } from '../../ledger/domain/recorded-event';
import { parseTimeField } from '../../ledger/domain/time';
import type { RecipientEvent, RecipientKind } from './recipient-events';
import type { RecipientState } from './recipient-state';
import { mustBeRegistered, mustKnowCategories } from './recipient-policies';

export interface RegisterRecipient {
  readonly type: 'RegisterRecipient';
  readonly recipientId: string;
  readonly name: string;
  readonly kind: RecipientKind;
  readonly purpose: string | null;
  readonly dataCategories: readonly DataCategory[];
  readonly legalReferences: readonly string[];
}

export interface ConcludeAgreement {
  readonly type: 'ConcludeAgreement';
  readonly recipientId: string;
  readonly agreementId: string;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly dataCategories: readonly DataCategory[];
}

export interface EndAgreement {
  readonly type: 'EndAgreement';
  readonly recipientId: string;
  readonly agreementId: string;
  readonly endedAt: string;
}

export type RecipientCommand = RegisterRecipient | ConcludeAgreement | EndAgreement;

export interface RecipientContext extends CommandContext {
  readonly catalogue: PurposeCatalogue;
}

type D = Decision<RecipientEvent>;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

const register = (c: RegisterRecipient, s: RecipientState, ctx: RecipientContext): D => {
  const r = s.registered;
  if (r) {
    if (
      r.name === c.name &&
      r.kind === c.kind &&
      r.purpose === c.purpose &&
      sameSet(r.dataCategories, c.dataCategories) &&
      sameSet(r.legalReferences, c.legalReferences)
    )
      return { unchanged: r };
    refuse('RECIPIENT.ALREADY_REGISTERED', `recipient ${c.recipientId} is already registered with other details`);
  }
  if (c.purpose !== null) mustKnowPurpose(ctx.catalogue, c.purpose);
  const { type: _, ...data } = c;
  return [{ type: 'RecipientRegistered', occurredAt: ctx.now, data }];
};

const conclude = (c: ConcludeAgreement, s: RecipientState, ctx: RecipientContext): D => {
  const r = mustBeRegistered(s, c.recipientId);
  if (r.kind !== 'processor') refuse('RECIPIENT.NOT_A_PROCESSOR', `recipient ${c.recipientId} is a ${r.kind}; processor agreements are made with processors`);
  const validFrom = parseTimeField('validFrom', c.validFrom);
  const validUntil = c.validUntil ? parseTimeField('validUntil', c.validUntil) : null;
  if (validUntil && validUntil <= validFrom)
    refuse('VALIDATION.INVALID', 'validUntil lies before validFrom', [{ field: 'validUntil', problem: 'must be later than validFrom' }]);
  mustKnowCategories(r, c.dataCategories);
  const existing = s.agreements.find((a) => a.agreementId === c.agreementId);
  if (existing) {
    if (existing.validFrom === validFrom && existing.validUntil === validUntil && sameSet(existing.dataCategories, c.dataCategories))
      return { unchanged: existing };
    refuse('AGREEMENT.ALREADY_CONCLUDED', `agreement ${c.agreementId} already exists with other terms`);
  }
  const data = { recipientId: c.recipientId, agreementId: c.agreementId, validFrom, validUntil, dataCategories: c.dataCategories };
  return [{ type: 'ProcessorAgreementConcluded', occurredAt: ctx.now, data }];
};

const end = (c: EndAgreement, s: RecipientState, ctx: RecipientContext): D => {
  mustBeRegistered(s, c.recipientId);
  const agreement =
    s.agreements.find((a) => a.agreementId === c.agreementId) ?? refuse('AGREEMENT.NOT_FOUND', `recipient ${c.recipientId} has no agreement ${c.agreementId}`);
  const endedAt = businessTime('endedAt', c.endedAt, ctx.now);
  if (agreement.endedAt === endedAt && agreement.endRef) return { unchanged: agreement.endRef };
  if (agreement.endedAt) refuse('AGREEMENT.ALREADY_ENDED', `agreement ${c.agreementId} already ended at ${agreement.endedAt}`);
  if (endedAt < agreement.validFrom)
    refuse('VALIDATION.INVALID', 'endedAt lies before the agreement began', [{ field: 'endedAt', problem: `must be on or after ${agreement.validFrom}` }]);
  return [{ type: 'ProcessorAgreementEnded', occurredAt: endedAt, data: { recipientId: c.recipientId, agreementId: c.agreementId } }];
};

export const decideRecipient = (command: RecipientCommand, state: RecipientState, ctx: RecipientContext): D => {
  switch (command.type) {
    case 'RegisterRecipient':
      return register(command, state, ctx);
    case 'ConcludeAgreement':
      return conclude(command, state, ctx);
    case 'EndAgreement':
      return end(command, state, ctx);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
};
