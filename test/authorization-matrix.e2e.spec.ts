import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ACCESS, BOARD_WIDE, ROLES, ROLE_TABLE, type Role, type RouteKind } from '../src/auth/roles';
import { HOME, OTHER, type Row, matrixRows } from './support/authorization-rows';
import { type Caller, type LedgerApp, startLedger } from './support/ledger-app';

/**
 * The authorization matrix: every route of the app × every role, with a key of the whole board and
 * with a key per school, without a key and with a wrong one. Who may call what comes from DESIGN's
 * roles table as roles.ts states it (ROLE_TABLE); what each route is comes from the rows in
 * test/support/authorization-rows.ts, so a controller that names the wrong kind, or a route added
 * without a row, fails here.
 */
const scopedKey = (role: Role) => `matrix-scoped-${role}-0123456789`;

let ledger: LedgerApp;
let n = 0;
const registrar = () => ledger.as('registrar');
const ROWS = matrixRows(registrar);

beforeAll(async () => {
  ledger = await startLedger(undefined, undefined, null, { keys: ROLES.map((r) => `${scopedKey(r)}:${r}:${HOME}`), wrongKeysPerMinute: 10_000 });
});
afterAll(() => ledger.close());

const send = (caller: Caller, row: Row, k: string) => {
  const [method] = row.route.split(' ');
  return method === 'GET' ? caller.get(row.url(k)) : caller.post(row.url(k), row.body?.(k) ?? {});
};

/** One call on a fresh stage; a refusal must leave the log as it was. */
const expectCall = async (caller: Caller, row: Row, who: string, school: string, status: number, error?: string) => {
  const k = `${++n}`;
  await row.given?.(k, school);
  const before = await ledger.store.head();
  const res = await send(caller, row, k);
  const seen = error ? [who, res.status, res.body.error] : [who, res.status];
  expect(seen).toEqual(error ? [who, status, error] : [who, status]);
  if (status >= 400) expect([who, await ledger.store.head()]).toEqual([who, before]);
};

const may = (role: Role, kind: RouteKind) => ROLE_TABLE[role].includes(kind);

describe('the authorization matrix', () => {
  it('has a row for every route the app serves, and no row for a route it does not', () => {
    const doc = SwaggerModule.createDocument(ledger.app, new DocumentBuilder().build());
    const served = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(served.sort()).toEqual(ROWS.map((r) => r.route).sort());
  });

  it('derives roles.ts from the one table: ACCESS is ROLE_TABLE read by route kind', () => {
    for (const [kind, access] of Object.entries(ACCESS)) {
      expect([kind, [...access.roles]]).toEqual([kind, ROLES.filter((r) => may(r, kind as RouteKind))]);
      expect([kind, access.boardWide]).toEqual([kind, BOARD_WIDE.includes(kind as RouteKind)]);
    }
  });

  describe.each(ROWS.map((r) => [r.route, r] as const))('%s', (_, row) => {
    it('answers each role of the whole board: the route’s answer if it may, else 403', async () => {
      for (const role of ROLES) {
        if (row.kind === 'public' || may(role, row.kind)) await expectCall(ledger.as(role), row, role, HOME, row.answer);
        else await expectCall(ledger.as(role), row, role, HOME, 403, 'AUTH.FORBIDDEN');
      }
    });

    it('answers a key per school the same for its own school, but 403 where the whole board is concerned', async () => {
      for (const role of ROLES) {
        const caller = ledger.withKey(scopedKey(role));
        const who = `${role} of ${HOME}`;
        if (row.kind === 'public') await expectCall(caller, row, who, HOME, row.answer);
        else if (!may(role, row.kind) || BOARD_WIDE.includes(row.kind)) await expectCall(caller, row, who, HOME, 403, 'AUTH.FORBIDDEN');
        else await expectCall(caller, row, who, HOME, row.answer);
      }
    });

    if (row.pupil)
      it('answers 404 to a key per school for another school’s pupil, recording nothing', async () => {
        for (const role of ROLES.filter((r) => row.kind !== 'public' && may(r, row.kind)))
          await expectCall(ledger.withKey(scopedKey(role)), row, `${role} of ${HOME}`, OTHER, 404, 'PUPIL.NOT_FOUND');
      });

    it('answers 401 without a key and with a wrong one (but for the public health check)', async () => {
      const expected = row.kind === 'public' ? row.answer : 401;
      const error = row.kind === 'public' ? undefined : 'AUTH.UNAUTHENTICATED';
      await expectCall(ledger.withKey(undefined), row, 'no key', HOME, expected, error);
      await expectCall(ledger.withKey('not-a-key-of-this-ledger-0123'), row, 'wrong key', HOME, expected, error);
    });
  });
});
