import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

/** Flattens class-validator's tree so that every bad field, however deep, is named by its path. */
export const fieldProblems = (errors: readonly ValidationError[], prefix = ''): FieldProblem[] =>
  errors.flatMap((e) => {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((problem) => ({
      field,
      // class-validator phrases unknown fields as "property x should not exist"; say it plainly.
      problem: problem.startsWith('property ') ? 'is not a field of this request' : problem.replace(`${e.property} `, ''),
    }));
    return [...own, ...fieldProblems(e.children ?? [], field)];
  });

/** Whitelists the contract's fields, refuses any other, and names every bad field in one 400. */
export const ledgerValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = fieldProblems(errors);
      return new BadRequestException({
        error: 'VALIDATION.INVALID',
        message: `invalid request: ${[...new Set(details.map((d) => d.field))].join(', ')}`,
        details,
      });
    },
  });
