/** Every stream name the ledger uses is made here, so adapters and projections never disagree. */
export const pupilStream = (pupilId: string): string => `pupil-${pupilId}`;
export const recipientStream = (recipientId: string): string => `recipient-${recipientId}`;

export const streamKind = (stream: string): 'pupil' | 'recipient' | 'other' =>
  stream.startsWith('pupil-') ? 'pupil' : stream.startsWith('recipient-') ? 'recipient' : 'other';
