import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { ID_PATTERN, TOKEN_PATTERN } from '../ledger/domain/ids';
import { DATA_CATEGORIES } from '../ledger/domain/purposes';
import { NestedType } from './body-shape';
import { dateProblem, dateReadingOf, timeProblem } from '../ledger/domain/time';

/**
 * The contract's field kinds, each once: validation and the OpenAPI description together.
 * Ids are pseudonyms: short tokens, never a name.
 */
const ID = ID_PATTERN;
const TOKEN = TOKEN_PATTERN;

const opt = (optional: boolean) => (optional ? [IsOptional()] : []);

/** An example per id field, so that the OpenAPI document's examples tell one story, not one string. */
const ID_EXAMPLES: Readonly<Record<string, string>> = {
  pupilId: 'p-4711',
  schoolId: 's-de-regenboog',
  guardianId: 'g-81',
  recipientId: 'bibliotheek',
  agreementId: 'vo-2025',
};

export const IdField = (description: string, optional = false) =>
  applyDecorators(
    (target: object, key: string | symbol) => ApiProperty({ description, required: !optional, example: ID_EXAMPLES[String(key)] ?? 'p-4711' })(target, key),
    ...opt(optional),
    IsString(),
    Matches(ID, {
      message: '$property must be a pseudonymous id: 1-64 letters, digits or ._:-, and not a name every JavaScript object has (such as constructor)',
    }),
  );

/**
 * Time fields are validated by the ledger's one reader of times (time-parse.ts), the same function
 * the deciders, the queries and the CLI read them with, so validation and reading cannot disagree.
 * The field's name says whether a date alone is allowed there and how it is read (DESIGN).
 */
const readsAsTime = (check: (field: string, value: unknown) => string | null) =>
  ValidateBy({
    name: 'ledgerTime',
    validator: {
      validate: (value, args) => check(args?.property ?? '', value) === null,
      defaultMessage: (args) => `$property ${check(args?.property ?? '', args?.value) ?? 'must be a time'}`,
    },
  });

export const InstantField = (description: string, optional = true) =>
  applyDecorators(
    // Where the field reads a date alone too (DESIGN: validFrom, validUntil, at, …), the document says so.
    (target: object, key: string | symbol) =>
      ApiProperty({
        description: `${description}. RFC 3339: with Z or an offset, or without one for Amsterdam time${dateReadingOf(String(key)) === 'refuse' ? '' : '; or a date alone (a Dutch calendar day)'}`,
        required: !optional,
        ...(dateReadingOf(String(key)) === 'refuse' ? { format: 'date-time' } : {}),
        example: dateReadingOf(String(key)) === 'refuse' ? '2025-09-01T08:30:00+02:00' : '2025-09-01',
      })(target, key),
    ...opt(optional),
    readsAsTime(timeProblem),
  );

export const DateField = (description: string, optional = false) =>
  applyDecorators(
    ApiProperty({ description: `${description}. A Dutch calendar day`, required: !optional, format: 'date', example: '2026-08-24' }),
    ...opt(optional),
    readsAsTime((_, value) => dateProblem(value)),
  );

export const TokenField = (description: string, optional = false, example = 'v2026-1') =>
  applyDecorators(
    ApiProperty({ description, required: !optional, example }),
    ...opt(optional),
    IsString(),
    Matches(TOKEN, {
      message: '$property must be a short token: lower-case letters, digits or ._-, and not a name every JavaScript object has (such as constructor)',
    }),
  );

export const EnumField = (values: readonly string[], description: string, optional = false) =>
  applyDecorators(
    ApiProperty({ description, required: !optional, enum: values }),
    ...opt(optional),
    IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}` }),
  );

/** A bound on a list, said in the 400 with the number received. */
export const atMost = (max: number, what: string) =>
  ArrayMaxSize(max, {
    // Called for anything that is not a list too (absent, a string): then it says what the list must be.
    message: (a) =>
      Array.isArray(a.value)
        ? `$property holds at most ${max} ${what} (this request has ${a.value.length})`
        : `$property must be a list of at most ${max} ${what}`,
  });

/** The bounds of the lists in requests; OpenAPI shows them as maxItems. */
export const LIST_BOUNDS = {
  consentCheckPupils: 1_000,
  sharingPupils: 10_000,
  guardians: 10,
  dataCategories: DATA_CATEGORIES.length,
  legalReferences: 50,
} as const;

export const CategoriesField = (description: string) =>
  applyDecorators(
    ApiProperty({ description, enum: DATA_CATEGORIES, isArray: true, maxItems: LIST_BOUNDS.dataCategories }),
    IsArray(),
    ArrayNotEmpty(),
    atMost(LIST_BOUNDS.dataCategories, 'data categories'),
    ArrayUnique(),
    IsIn(DATA_CATEGORIES, { each: true, message: `each of $property must be one of: ${DATA_CATEGORIES.join(', ')}` }),
  );

export const IdsField = (description: string, max: number) =>
  applyDecorators(
    ApiProperty({ description: `${description}; at most ${max}`, type: [String], maxItems: max }),
    IsArray(),
    ArrayNotEmpty(),
    atMost(max, 'ids'),
    ArrayUnique(),
    Matches(ID, { each: true, message: 'each of $property must be a pseudonymous id' }),
  );

export const TextField = (description: string, max: number, optional = false) =>
  applyDecorators(ApiProperty({ description, required: !optional, maxLength: max }), ...opt(optional), IsString(), MaxLength(max));

/**
 * A field holding a DTO, or with `each` a non-empty list of them: each checked as an object of that
 * DTO (a list inside the list, or a string where an object belongs, is refused), its keys too.
 */
export const NestedField = (type: () => new () => object, description: string, options: { each?: boolean; optional?: boolean; max?: number } = {}) =>
  applyDecorators(
    // A lazy type must be a function named `type` for @nestjs/swagger to call it (else the $ref is empty).
    ApiProperty({ description, type: () => type(), isArray: options.each, required: !options.optional, ...(options.max ? { maxItems: options.max } : {}) }),
    ...opt(options.optional ?? false),
    ...(options.each ? [IsArray(), ArrayNotEmpty()] : []),
    ...(options.each && options.max ? [atMost(options.max, 'entries')] : []),
    IsObject({ each: options.each, message: options.each ? 'each of $property must be an object' : '$property must be an object' }),
    ValidateNested({ each: options.each }),
    Type(type),
    NestedType(type),
  );
