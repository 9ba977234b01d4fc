import { inFeedOf } from './feed-scope';

describe('the feed of a key per school', () => {
  const of = inFeedOf(['s-1', 's-2']);

  it('holds its schools pupil events and the register, nothing of another school', () => {
    expect(of({ type: 'consent.withdrawn', schoolId: 's-2' })).toBe(true);
    expect(of({ type: 'pupil.enrolled', schoolId: 's-3' })).toBe(false);
    expect(of({ type: 'dossier.destroyed', schoolId: 's-3' })).toBe(false);
    expect(of({ type: 'recipient.registered', schoolId: null })).toBe(true);
    expect(of({ type: 'agreement.ended', schoolId: null })).toBe(true);
  });

  it('keeps a pupil event without a school from every scoped key, and gives a board key everything', () => {
    expect(of({ type: 'data.shared', schoolId: null })).toBe(false);
    expect(inFeedOf(null)({ type: 'data.shared', schoolId: 's-9' })).toBe(true);
  });
});
