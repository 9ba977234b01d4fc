import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KEYS, type LedgerApp, startLedger } from './support/ledger-app';

/** Linux routes all of 127/8 to loopback: each test client calls from an address of its own. */
const call = (
  port: number,
  from: string,
  path: string,
  key?: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: Record<string, unknown> }> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, localAddress: from, headers: key === undefined ? {} : { authorization: `Bearer ${key}` } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end();
  });

let ledger: LedgerApp;
let port: number;
const LIMIT = 3;

beforeAll(async () => {
  ledger = await startLedger(undefined, undefined, null, { wrongKeysPerMinute: LIMIT });
  await ledger.app.listen(0, '127.0.0.1');
  port = (ledger.app.getHttpServer().address() as AddressInfo).port;
});
afterAll(() => ledger.close());

describe('too many wrong keys from one client', () => {
  it('answers 401 up to the limit, then 429 with Retry-After, to right keys from that client too', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await call(port, '127.0.0.2', '/purposes', `guess-${i}-0123456789abcdef`)).status).toBe(401);
    const blocked = await call(port, '127.0.0.2', '/purposes', 'guess-x-0123456789abcdef');
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({ error: 'AUTH.TOO_MANY_WRONG_KEYS', message: expect.stringMatching(/too many wrong API keys/), details: [] });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    // A right key from the blocked client is refused as well: else a 200 among the 429s would tell a guesser it found one.
    expect((await call(port, '127.0.0.2', '/purposes', KEYS.board)).status).toBe(429);
    expect((await call(port, '127.0.0.2', '/health')).status).toBe(200);
  });

  it('never throttles a right key because another client kept guessing', async () => {
    for (let i = 0; i <= LIMIT; i++) await call(port, '127.0.0.3', '/purposes', `guess-${i}-0123456789abcdef`);
    expect((await call(port, '127.0.0.3', '/purposes', KEYS.board)).status).toBe(429);
    const other = await call(port, '127.0.0.4', '/purposes', KEYS.board);
    expect(other.status).toBe(200);
    expect((await call(port, '127.0.0.4', '/purposes', 'one-wrong-0123456789abcdef')).status).toBe(401);
  });

  it('does not count requests that show no key at all', async () => {
    for (let i = 0; i < 3 * LIMIT; i++) expect((await call(port, '127.0.0.5', '/purposes')).status).toBe(401);
    expect((await call(port, '127.0.0.5', '/purposes', KEYS.board)).status).toBe(200);
  });
});
