import { IsString } from 'class-validator';
import { checkKeys, type FieldProblem, fieldsOf, isDto } from './body-shape';
import { NestedField } from './dto-fields';

class Inner {
  @IsString()
  name!: string;
}

class Outer {
  @IsString()
  id!: string;

  @NestedField(() => Inner, 'one', { optional: true })
  one?: Inner;

  @NestedField(() => Inner, 'many', { each: true })
  many!: Inner[];

  @IsString({ each: true })
  tags!: string[];
}

const check = (text: string) => {
  const problems: FieldProblem[] = [];
  const copy = checkKeys(Outer, JSON.parse(text), '', problems);
  return { copy, fields: problems.map((p) => p.field) };
};

describe('checkKeys', () => {
  it('knows a DTO by its validated fields', () => {
    expect([...fieldsOf(Outer)].sort()).toEqual(['id', 'many', 'one', 'tags']);
    expect(isDto(Outer)).toBe(true);
    expect(isDto(String)).toBe(false);
  });

  it('keeps a valid body as it is', () => {
    const body = { id: 'a', one: { name: 'x' }, many: [{ name: 'y' }], tags: ['t'] };
    expect(check(JSON.stringify(body))).toEqual({ copy: body, fields: [] });
  });

  it('names every unknown key, prototype names included, at every level of a nested DTO', () => {
    const { copy, fields } = check(
      '{"__proto__":{"p":1},"id":"a","constructor":1,"one":{"name":"x","toString":"s"},"many":[{"name":"y"},{"hasOwnProperty":0,"name":"z"}],"tags":[]}',
    );
    expect(fields).toEqual(['__proto__', 'constructor', 'one.toString', 'many[1].hasOwnProperty']);
    expect(copy).toEqual({ id: 'a', one: { name: 'x' }, many: [{ name: 'y' }, { name: 'z' }], tags: [] });
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it('takes __proto__ out of values that are not DTOs and leaves their shape to the rules', () => {
    const { copy, fields } = check('{"id":"a","tags":[{"__proto__":{"p":1},"k":1}],"many":[[{"name":"n"}]]}');
    expect(fields).toEqual(['tags[0].__proto__']);
    expect(copy).toEqual({ id: 'a', tags: [{ k: 1 }], many: [[{ name: 'n' }]] });
  });
});
