import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { type LedgerApp, enrolBody, startLedger } from './support/ledger-app';
import { bindReadOnly, connectionsOpened, describeAsRoot, mountTmpfs, unmount } from './support/root';

const health = (ledger: LedgerApp, path = '/health') => request(ledger.app.getHttpServer()).get(path);

/** Takes every byte left on the file system of `dir`, as a filler file; answers its path. */
const fill = (dir: string): string => {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  try {
    for (const chunk of [Buffer.alloc(1 << 16), Buffer.alloc(512), Buffer.alloc(1)])
      for (;;)
        try {
          writeSync(fd, chunk);
        } catch {
          break;
        }
  } finally {
    closeSync(fd);
  }
  return filler;
};

describeAsRoot('a full disk and a read-only data directory (root: tmpfs and bind mounts)', () => {
  let base: string;
  const mounted: string[] = [];
  beforeEach(() => (base = mkdtempSync(join(tmpdir(), 'ledger-disk-'))));
  afterEach(() => {
    while (mounted.length) unmount(mounted.pop()!);
    rmSync(base, { recursive: true, force: true });
  });

  it('full disk: commands 507 with a clear message and nothing half-written, /health 503; recovers by itself when space returns', async () => {
    const disk = join(base, 'disk');
    mountTmpfs(disk, 16 * 2 ** 20);
    mounted.push(disk);
    const ledger = await startLedger(join(disk, 'data'));
    try {
      const registrar = () => ledger.as('registrar');
      const acknowledged: string[] = [];
      for (let i = 0; i < 5; i++)
        acknowledged.push(
          (
            await registrar()
              .post('/pupils', enrolBody(`p-${i}`))
              .expect(201)
          ).body.eventId,
        );
      const filler = fill(disk);

      // The WAL may reuse space it already has for a while: every answer is 201 until one is 507.
      let refused: request.Response | undefined;
      let refusedId = '';
      for (let i = 0; i < 2000 && !refused; i++) {
        const res = await registrar().post('/pupils', enrolBody(`p-full-${i}`));
        if (res.status === 201) acknowledged.push(res.body.eventId);
        else [refused, refusedId] = [res, `p-full-${i}`];
      }
      expect(refused?.status).toBe(507);
      expect(refused?.body).toEqual({
        error: 'STORE.DISK_FULL',
        message: expect.stringMatching(/disk .* is full: nothing was recorded/),
        details: [expect.any(Object)],
      });
      expect(await ledger.stream(refusedId)).toEqual([]);
      // Personal data goes to keys.db first: whichever file refuses, nothing of the command is in the log.
      const named = await registrar()
        .post('/pupils', enrolBody('p-named', { personal: { name: 'Anna de Vries' } }))
        .expect(507);
      expect(named.body.error).toBe('STORE.DISK_FULL');
      expect(await ledger.stream('p-named')).toEqual([]);
      const down = await health(ledger).expect(503);
      expect(down.body).toMatchObject({ error: 'STORE.UNAVAILABLE', status: 'unavailable', checks: { store: { status: 'disk_full' } } });
      await health(ledger, '/health/ready').expect(503);

      rmSync(filler);
      expect((await health(ledger).expect(200)).body.checks.store).toEqual({ status: 'ok' });
      const retried = await registrar().post('/pupils', enrolBody(refusedId)).expect(201);
      acknowledged.push(retried.body.eventId);
      await ledger.as('director').get(`/pupils/${refusedId}/consents`).expect(200);
      await health(ledger, '/health/ready').expect(200);
      const verified = await ledger.as('auditor').get('/audit/verify').expect(200);
      expect(verified.body).toMatchObject({ ok: true, events: acknowledged.length });
    } finally {
      await ledger.close();
    }
  });

  it('read-only data directory at start: the start names the directory and the cause', async () => {
    const existing = join(base, 'existing');
    await (await startLedger(existing)).close();
    await bindReadOnly(existing);
    mounted.push(existing);
    await expect(startLedger(existing)).rejects.toThrow(`the data directory ${existing} cannot be written: it is on a read-only file system`);

    const parent = join(base, 'parent');
    mkdirSync(parent);
    await bindReadOnly(parent);
    mounted.push(parent);
    await expect(startLedger(join(parent, 'data'))).rejects.toThrow(
      `cannot make the data directory ${join(parent, 'data')}: ${parent} is on a read-only file system`,
    );
  });

  it('read-only while running: commands 503 and /health 503 naming it, reads go on; writable again: commands 201', async () => {
    const dir = join(base, 'data');
    const ledger = await startLedger(dir);
    try {
      await ledger.as('registrar').post('/pupils', enrolBody('p-before')).expect(201);
      await connectionsOpened(dir);
      await bindReadOnly(dir);
      mounted.push(dir);
      const refused = await ledger.as('registrar').post('/pupils', enrolBody('p-during')).expect(503);
      expect(refused.body).toMatchObject({ error: 'STORE.UNAVAILABLE', message: expect.stringContaining('read-only file system') });
      expect(await ledger.stream('p-during')).toEqual([]);
      expect((await health(ledger).expect(503)).body.checks.store).toEqual({
        status: 'unwritable',
        reason: 'the data directory is on a read-only file system',
      });
      await ledger.as('director').get('/pupils/p-before/consents').expect(200);
      unmount(mounted.pop()!);
      await ledger.as('registrar').post('/pupils', enrolBody('p-during')).expect(201);
      expect((await health(ledger).expect(200)).body.status).toBe('ok');
    } finally {
      await ledger.close();
    }
  });
});
