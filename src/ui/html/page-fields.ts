import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ID_PATTERN } from '../../ledger/domain/ids';

/** A form sends an empty field as ""; on a page that means the field was left out. */
export const Blank = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

const ID = ID_PATTERN;

/** The reader's language, on every page. */
export class PageQuery {
  @IsOptional()
  @IsIn(['nl', 'en'])
  lang?: string;
}

/** A report page's filter: a school (all when left out) and a school year (its start year, or "all"). */
export class ReportPageQuery extends PageQuery {
  @Blank()
  @IsOptional()
  @Matches(ID, { message: 'school must be a school id' })
  school?: string;

  @Blank()
  @IsOptional()
  @Matches(/^(\d{4}|all)$/, { message: 'year must be the year a school year starts in, or all' })
  year?: string;
}
