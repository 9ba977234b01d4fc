import { parse as parseContentType } from 'content-type';
import { duplicateKey } from './duplicate-keys';
import { TransportError } from './transport-error';

/** Deepest nesting of arrays and objects a body may have (the body itself is level 1). */
export const MAX_JSON_DEPTH = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The charset a JSON body may declare: UTF-8 only (RFC 8259 §8.1). Absent means UTF-8.
 * @throws TransportError 415 for any other charset, or a content type that does not parse
 */
export const requireUtf8 = (contentTypeHeader: string | undefined): void => {
  let charset: string | undefined;
  try {
    charset = contentTypeHeader ? parseContentType(contentTypeHeader).parameters.charset?.toLowerCase() : undefined;
  } catch {
    // Fastify's reading is more lenient than RFC 9110 (`charset=` without a value): refuse what we cannot read.
    throw TransportError.unsupportedMediaType(`content type ${JSON.stringify(contentTypeHeader)} is not readable`);
  }
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw TransportError.unsupportedMediaType(`charset ${charset} is not accepted`);
};

/**
 * How deep arrays and objects nest in a JSON text, counted without parsing it, stopping as soon
 * as `limit` is passed; brackets inside strings do not count.
 */
export const jsonDepthExceeds = (text: string, limit: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
};

/**
 * Reads a request body as JSON: strict UTF-8, at most {@link MAX_JSON_DEPTH} levels deep, parsed
 * by `JSON.parse`, which keeps a key such as `__proto__` as an own data property (so that
 * validation can refuse it) instead of setting a prototype. An empty body is no body.
 * @returns the parsed value, or undefined for an empty body
 * @throws TransportError 400 for bytes that are not UTF-8, nesting too deep, text that is not JSON, or a key twice in one object (naming it)
 */
export const parseJsonBody = (body: Buffer): unknown => {
  if (body.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw TransportError.malformed('the body is not valid UTF-8');
  }
  if (text.trim() === '') return undefined;
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw TransportError.malformed(`the body nests deeper than ${MAX_JSON_DEPTH} levels`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw TransportError.malformed(`the body is not valid JSON (${(e as Error).message})`);
  }
  const twice = typeof parsed === 'object' && parsed !== null ? duplicateKey(text) : null;
  if (twice !== null) throw TransportError.malformed(`the key ${twice} appears more than once in the body: name each field once`, twice);
  return parsed;
};
