import { yearLabel, type ReportPeriod, YEARS_SHOWN } from '../report-period';
import type { PageContext } from './page-context';

/** The filter of a report page: one school or all, one school year or the last few. */
export const ReportFilters = ({
  ctx,
  action,
  schools,
  school,
  period,
}: {
  ctx: PageContext;
  action: string;
  schools: readonly string[];
  school?: string;
  period: ReportPeriod;
}) => {
  const { t } = ctx;
  return (
    <form method="get" action={action} class="filters">
      {ctx.lang === 'en' && <input type="hidden" name="lang" value="en" />}
      <label>
        {t.school}
        <select name="school">
          <option value="">{t.allSchools}</option>
          {schools.map((id) => (
            <option value={id} selected={id === school}>
              {ctx.schoolName(id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.schoolYear}
        <select name="year">
          {period.choices.map((y) => (
            <option value={String(y)} selected={period.year === y}>
              {yearLabel(y)}
            </option>
          ))}
          <option value="all" selected={period.year === null}>
            {t.lastYears(YEARS_SHOWN)}
          </option>
        </select>
      </label>
      <div>
        <button type="submit" class="primary">
          {t.show}
        </button>
      </div>
    </form>
  );
};
