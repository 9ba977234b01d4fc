import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';

/** A field of a request that is wrong, by its path (`guardians[1].relation`), and why. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

type DtoClass = abstract new (...args: never[]) => object;

const NESTED = 'ledger:nested-type';

/** Marks a field as holding a DTO (or a list of them), so that its keys are checked as that DTO's. */
export const NestedType =
  (type: () => DtoClass): PropertyDecorator =>
  (target, key) =>
    Reflect.defineMetadata(NESTED, type, target, key);

const fieldsCache = new WeakMap<DtoClass, ReadonlySet<string>>();

/** The fields a DTO class declares: every property that carries a class-validator rule, inherited ones too. */
export const fieldsOf = (type: DtoClass): ReadonlySet<string> => {
  let fields = fieldsCache.get(type);
  if (!fields) {
    fields = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(type as unknown as new () => object, '', true, false)
        .map((m) => m.propertyName),
    );
    fieldsCache.set(type, fields);
  }
  return fields;
};

const nestedTypeOf = (type: DtoClass, field: string): DtoClass | undefined =>
  (Reflect.getMetadata(NESTED, type.prototype as object, field) as (() => DtoClass) | undefined)?.();

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * Checks the keys of a parsed JSON body against a DTO before class-transformer sees it, and gives
 * back a copy holding only the keys the DTO declares. Every other key is a problem, whatever its
 * name: `__proto__` (kept by `JSON.parse` as an own data property, which class-transformer would
 * assign as a prototype), `constructor`, `toString` and their kind (which class-transformer skips
 * silently) are refused like any unknown field. Nested DTOs are checked as what they are, element by
 * element in a list; values in other places keep their shape, minus any `__proto__` key, for
 * class-validator to judge. Recursion is bounded by the parse-time depth limit (json-body.ts).
 */
export const checkKeys = (type: DtoClass | undefined, value: unknown, path: string, problems: FieldProblem[]): unknown => {
  if (Array.isArray(value)) return value.map((v, i) => checkKeys(type, v, join(path, i), problems));
  if (value === null || typeof value !== 'object') return value;
  const known = type ? fieldsOf(type) : undefined;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (known ? !known.has(key) : key === '__proto__') {
      problems.push({ field: join(path, key), problem: 'is not a field of this request' });
      continue;
    }
    copy[key] = checkKeys(type && nestedTypeOf(type, key), (value as Record<string, unknown>)[key], join(path, key), problems);
  }
  return copy;
};

/** True for a class that declares validated fields, i.e. a body, query or path DTO. */
export const isDto = (type: unknown): type is DtoClass => typeof type === 'function' && fieldsOf(type as DtoClass).size > 0;
