import { approximateBytes } from './approximate-bytes';

describe('approximateBytes', () => {
  it('counts a string by its length and a list by its items', () => {
    expect(approximateBytes('x'.repeat(1000)) - approximateBytes('')).toBe(1000);
    const fact = { kind: 'given', eventId: 'e-1', revision: 3, endsAt: null };
    const one = approximateBytes({ consents: [fact] });
    const ten = approximateBytes({ consents: Array.from({ length: 10 }, () => fact) });
    expect(ten - one).toBe(9 * (approximateBytes([fact]) - approximateBytes([])));
  });

  it('gives more than the bytes of the JSON text, which holds no headers or pointers', () => {
    const state = { status: 'enrolled', guardians: [{ id: 'g-1' }, { id: 'g-2' }], sharings: { 's-1': { eventId: 'e-1', position: '7' } }, left: null };
    expect(approximateBytes(state)).toBeGreaterThan(JSON.stringify(state).length);
  });
});
