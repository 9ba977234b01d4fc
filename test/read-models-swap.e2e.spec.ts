import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enrolBody, startLedger } from './support/ledger-app';

const ledgerOf = async (pupils: string[]) => {
  const ledger = await startLedger(mkdtempSync(join(tmpdir(), 'ledger-swap-')));
  for (const p of pupils) await ledger.as('registrar').post('/pupils', enrolBody(p)).expect(201);
  await ledger.as('director').get(`/pupils/${pupils[0]}/consents`).expect(200);
  await ledger.close();
  return ledger.dataDir;
};

jest.setTimeout(60_000);

describe('read models remember the last event they applied', () => {
  it('are rebuilt when the log beneath them is another one of the same length (a swapped events.db, a restored backup)', async () => {
    const mine = await ledgerOf(['p-ours-1', 'p-ours-2']);
    const other = await ledgerOf(['p-theirs-1', 'p-theirs-2']);
    for (const f of ['events.db', 'keys.db']) copyFileSync(join(other, f), join(mine, f));
    for (const f of ['events.db-wal', 'events.db-shm', 'keys.db-wal', 'keys.db-shm']) rmSync(join(mine, f), { force: true });

    const ledger = await startLedger(mine);
    try {
      await ledger.as('director').get('/pupils/p-theirs-2/consents').expect(200);
      await ledger.as('director').get('/pupils/p-ours-2/consents').expect(404);
      const check = await ledger
        .as('director')
        .post('/consent-checks', { purpose: 'photo-website', pupilIds: ['p-theirs-1'] })
        .expect(200);
      expect(check.body.results[0].status).toBe('none');
    } finally {
      await ledger.close();
    }
  });
});
