/** Every stream name the ledger uses is made here, so adapters and projections never disagree. */
export const pupilStream = (pupilId: string): string => `pupil-${pupilId}`;
/** The pupil whose stream this is; null for any other stream. */
export const pupilIdOfStream = (stream: string): string | null => (stream.startsWith('pupil-') ? stream.slice('pupil-'.length) : null);
export const recipientStream = (recipientId: string): string => `recipient-${recipientId}`;

/** The board's purpose catalogue beyond the defaults: one stream for the whole board. */
export const CATALOGUE_STREAM = 'catalogue';

export const streamKind = (stream: string): 'pupil' | 'recipient' | 'catalogue' | 'other' =>
  stream.startsWith('pupil-') ? 'pupil' : stream.startsWith('recipient-') ? 'recipient' : stream === CATALOGUE_STREAM ? 'catalogue' : 'other';

/**
 * Who read a pupil's personal data (history or export with names): a stream of its own per pupil,
 * kept out of the pupil's stream, so that a read never changes what a decision about the pupil sees.
 */
export const readsStream = (pupilId: string): string => `reads-${pupilId}`;
