import { jsonDepthExceeds, MAX_JSON_DEPTH, parseJsonBody, requireUtf8 } from './json-body';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('jsonDepthExceeds', () => {
  it('counts arrays and objects, the body itself as level 1', () => {
    expect(jsonDepthExceeds(nested(32), 32)).toBe(false);
    expect(jsonDepthExceeds(nested(33), 32)).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":[{}]}}', 4)).toBe(false);
    expect(jsonDepthExceeds('{"a":{"b":[{}]}}', 3)).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(JSON.stringify({ a: '[[[[{{{{' }), 1)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ a: 'say \\"[[[[\\" and "{{{{"' }), 1)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ a: '\\' }) + nested(3), 3)).toBe(false);
    expect(jsonDepthExceeds(`[${JSON.stringify('\\')},${nested(3)}]`, 3)).toBe(true);
  });
});

describe('parseJsonBody', () => {
  it('keeps __proto__ as an own data property and leaves prototypes alone', () => {
    const body = parseJsonBody(Buffer.from('{"__proto__":{"polluted":true},"a":1}')) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads an empty or blank body as no body', () => {
    expect(parseJsonBody(Buffer.alloc(0))).toBeUndefined();
    expect(parseJsonBody(Buffer.from(' \n'))).toBeUndefined();
  });

  it.each([
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), /UTF-8/],
    ['nesting past the limit', Buffer.from(nested(MAX_JSON_DEPTH + 1)), /deeper/],
    ['text that is not JSON', Buffer.from('{"a":'), /not valid JSON/],
  ])('refuses %s with 400', (_, body, says) => {
    expect(() => parseJsonBody(body)).toThrow(says);
    try {
      parseJsonBody(body);
    } catch (e) {
      expect((e as { getStatus(): number }).getStatus()).toBe(400);
    }
  });
});

describe('requireUtf8', () => {
  it.each([undefined, 'application/json', 'application/json; charset=utf-8', 'application/json; charset="UTF-8"', 'application/json;charset=utf8'])(
    'takes %s',
    (h) => expect(() => requireUtf8(h)).not.toThrow(),
  );
  it.each([
    'application/json; charset=latin1',
    'application/json; charset=iso-8859-1',
    'application/json; charset=utf-16',
    'application/json;charset=',
    'application/json; charset="utf-8',
  ])('refuses %s with 415', (h) => expect(() => requireUtf8(h)).toThrow(/application\/json/));
});
