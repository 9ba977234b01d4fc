import { reportPeriod } from './report-period';

const NOW = '2026-03-02T10:00:00.000Z';

describe('a report page’s period', () => {
  it('is the running school year up to now when no year is chosen, as the API’s reports default', () => {
    expect(reportPeriod(undefined, NOW)).toMatchObject({
      year: 2025,
      first: 2021,
      last: 2025,
      from: '2025-07-31T22:00:00.000Z',
      to: undefined,
      choices: [2025, 2024, 2023, 2022, 2021],
    });
  });

  it('is a whole past school year, to its last millisecond in Amsterdam', () => {
    expect(reportPeriod('2023', NOW)).toMatchObject({ year: 2023, first: 2019, last: 2023, from: '2023-07-31T22:00:00.000Z', to: '2024-07-31T21:59:59.999Z' });
  });

  it('is the last five school years up to now for "all"', () => {
    expect(reportPeriod('all', NOW)).toMatchObject({ year: null, first: 2021, last: 2025, from: '2021-07-31T22:00:00.000Z', to: undefined });
  });

  it('keeps an older year chosen among the choices, and a year to come is the running one', () => {
    expect(reportPeriod('2015', NOW).choices).toEqual([2025, 2024, 2023, 2022, 2021, 2015]);
    expect(reportPeriod('2030', NOW)).toMatchObject({ year: 2025, to: undefined });
  });
});
