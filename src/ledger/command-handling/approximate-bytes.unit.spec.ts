import { approximateBytes, sizeOfState } from './approximate-bytes';

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

describe('sizeOfState', () => {
  const small = { entries: ['a', 'b'] };
  const large = { entries: Array.from({ length: 100 }, (_, i) => `entry-${i}`) };

  it('walks a state whose events doubled since its last walk, and extrapolates by bytes per event in between', () => {
    const two = sizeOfState(small, 2);
    expect(two).toEqual({ bytes: approximateBytes(small), walkedBytes: approximateBytes(small), walkedEvents: 2 });
    // Three events: not walked, two events' bytes times 3/2 (the large state itself is not looked at).
    expect(sizeOfState(large, 3, two).bytes).toBe(Math.ceil((approximateBytes(small) * 3) / 2));
    expect(sizeOfState(large, 4, two)).toEqual({ bytes: approximateBytes(large), walkedBytes: approximateBytes(large), walkedEvents: 4 });
  });

  it('walks the first event of a stream that had none', () => {
    expect(sizeOfState(small, 1, sizeOfState({}, 0)).walkedEvents).toBe(1);
  });
});
