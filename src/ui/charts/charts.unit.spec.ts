import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChartRenderer } from './render-chart';
import { accessTimeline, decisionBars, rateHeatmap, sharingBars } from './specs';

const charts = new ChartRenderer();
const utc = (iso: string) => new Date(iso).getTime();

describe('charts rendered on the server', () => {
  it('draws a heatmap of rates as SVG, with the text of every cell and a blank for a hidden one', async () => {
    const svg = await charts.svg(
      rateHeatmap(
        [
          { purpose: 'Foto’s op de website', school: 'De Regenboog', year: '2025-2026', rate: 75, text: '75%' },
          { purpose: 'Gegevens naar de bibliotheek', school: 'De Regenboog', year: '2025-2026', rate: null, text: 'verborgen' },
        ],
        ['Foto’s op de website', 'Gegevens naar de bibliotheek'],
        'toestemming (%)',
      ),
      'nl',
    );
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['75%', 'verborgen', 'De Regenboog', 'Foto’s op de website']) expect(svg).toContain(text);
    expect(svg).toContain('#e4e4e4');
  });

  it('escapes whatever text a label holds: markup in data never becomes markup in the page', async () => {
    const svg = await charts.svg(sharingBars([{ recipient: '<script>alert(1)</script>&"', basis: 'toestemming', count: 3 }], ['toestemming']), 'nl');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;');
  });

  it('labels a time axis in the reader’s language', async () => {
    const bars = [{ row: 'bibliotheek · identiteit', from: utc('2025-09-01T00:00:00Z'), until: utc('2026-01-15T00:00:00Z'), kind: 'toestemming' }];
    const nl = await charts.svg(accessTimeline(bars, ['toestemming'], utc('2025-10-01T00:00:00Z')), 'nl');
    const en = await charts.svg(accessTimeline(bars, ['consent'], utc('2025-10-01T00:00:00Z')), 'en');
    expect(nl).toMatch(/okt 2025|okt\b/);
    expect(en).toMatch(/Oct 2025|Oct\b/);
  });

  it('draws refusals and withdrawals per school year', async () => {
    const svg = await charts.svg(
      decisionBars(
        [
          { year: '2024-2025', kind: 'weigeringen', count: 3, text: '3' },
          { year: '2025-2026', kind: 'intrekkingen', count: 5, text: '5' },
        ],
        ['weigeringen', 'intrekkingen'],
      ),
      'nl',
    );
    for (const text of ['2024-2025', '2025-2026', 'weigeringen', 'intrekkingen']) expect(svg).toContain(text);
  });

  it('fetches nothing a spec names by URL', async () => {
    let asked = 0;
    const server = createServer((_req, res) => {
      asked++;
      res.end('[{"a":"x"}]');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.json`;
      const svg = await charts.svg({ data: { url }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } }, 'nl');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(asked).toBe(0);
    } finally {
      server.close();
    }
  });
});
