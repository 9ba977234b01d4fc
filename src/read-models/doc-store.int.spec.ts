import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocStore } from './doc-store';

describe('document store', () => {
  const open = () => new DocStore(join(mkdtempSync(join(tmpdir(), 'ledger-docs-')), 'read-models.db'));

  it('gives a projection its documents a page at a time, in key order, and can be written between pages', async () => {
    const docs = open();
    docs.commit('pupils', 1, new Map(['p-3', 'p-1', 'p-5', 'p-2', 'p-4'].map((k) => [k, { id: k }])), '5');
    docs.commit('other', 1, new Map([['p-0', { id: 'not mine' }]]), '1');
    const seen: string[][] = [];
    for (const page of docs.pages<{ id: string }>('pupils', 2)) {
      seen.push(page.map((d) => d.id));
      // Writing while paging is what the expiry pass does: nothing may hold the connection.
      docs.commit('other', 1, new Map([[`after-${seen.length}`, { id: 'x' }]]), '2');
    }
    expect(seen).toEqual([['p-1', 'p-2'], ['p-3', 'p-4'], ['p-5']]);
    await docs.close();
  });

  it('drops the documents and checkpoint of a read model no longer kept', async () => {
    const docs = open();
    docs.commit('pupils', 1, new Map([['p-1', { id: 'p-1' }]]), '1');
    docs.commit('pupil-history', 2, new Map([['p-1/0000000000', { line: 1 }]]), '1');
    expect(docs.retire(['pupils'])).toEqual(['pupil-history']);
    expect(docs.all('pupil-history')).toEqual([]);
    expect(docs.checkpoint('pupil-history')).toBeUndefined();
    expect(docs.all('pupils')).toEqual([{ id: 'p-1' }]);
    expect(docs.retire(['pupils'])).toEqual([]);
    await docs.close();
  });
});
