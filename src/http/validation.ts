import { type ArgumentMetadata, BadRequestException, Injectable, type PipeTransform, ValidationPipe, type ValidationError } from '@nestjs/common';
import { checkKeys, type FieldProblem, isDto } from './body-shape';
import { fieldList } from './capped-details';

/**
 * Flattens class-validator's tree so that every bad field, however deep, is named by its path. A
 * rule on a field that judges one of its parts (`personal` judging its `birthDate` against the
 * enrolment) names that part through its `context: { field }`.
 */
export const fieldProblems = (errors: readonly ValidationError[], prefix = ''): FieldProblem[] =>
  errors.flatMap((e) => {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, problem]) => {
      const part = (e.contexts?.[rule] as { field?: string } | undefined)?.field;
      return {
        field: part ? `${field}.${part}` : field,
        // class-validator phrases unknown fields as "property x should not exist"; say it plainly.
        problem: problem.startsWith('property ') ? 'is not a field of this request' : problem.replace(`${e.property} `, ''),
      };
    });
    return [...own, ...fieldProblems(e.children ?? [], field)];
  });

const invalid = (details: readonly FieldProblem[]) =>
  new BadRequestException({ error: 'VALIDATION.INVALID', message: `invalid request: ${fieldList([...new Set(details.map((d) => d.field))])}`, details });

class FieldProblems extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super('invalid request');
  }
}

/**
 * The one place where requests are validated: every body, query and path DTO, against its
 * class-validator rules (the single definition of each). First the keys are checked on the parsed
 * JSON as it came (body-shape.ts), then class-transformer and class-validator judge the values;
 * every problem of both steps is named in one 400 `{error, message, details}`.
 */
@Injectable()
export class LedgerValidationPipe implements PipeTransform {
  private readonly rules = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new FieldProblems(fieldProblems(errors)),
  });

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom' || !isDto(metadata.metatype)) return this.rules.transform(value, metadata);
    if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value)))
      throw invalid([{ field: metadata.type, problem: `must be a JSON object with the fields of this request` }]);
    const problems: FieldProblem[] = [];
    const known = checkKeys(metadata.metatype, value, '', problems);
    try {
      const dto: unknown = await this.rules.transform(known, metadata);
      if (problems.length) throw invalid(problems);
      return dto;
    } catch (e) {
      if (e instanceof FieldProblems) throw invalid([...problems, ...e.problems]);
      throw e;
    }
  }
}

/** Whitelists the contract's fields, refuses any other, and names every bad field in one 400. */
export const ledgerValidationPipe = () => new LedgerValidationPipe();
