import { HttpException, HttpStatus } from '@nestjs/common';

/** Body size limit, in bytes, after decompression (DESIGN, errors). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const SEND_JSON = 'send the body as application/json in UTF-8, with content-encoding identity or gzip';

/**
 * A request refused before it reaches a route: too large, not JSON, not readable. The error
 * filter gives it its code from the status, like every other HTTP refusal.
 */
export class TransportError extends HttpException {
  constructor(status: number, message: string, field?: string) {
    super({ message, details: [{ ...(field ? { field } : {}), problem: message }] }, status);
  }

  /** 400: the body cannot be read as what it claims to be; `field` names the part at fault, when one is. */
  static malformed(why: string, field?: string): TransportError {
    return new TransportError(HttpStatus.BAD_REQUEST, why, field);
  }

  /** 413: over {@link BODY_LIMIT_BYTES} once decompressed. */
  static tooLarge(): TransportError {
    return new TransportError(HttpStatus.PAYLOAD_TOO_LARGE, `the body is larger than ${BODY_LIMIT_BYTES} bytes (1 MiB) after decompression`);
  }

  /**
   * A refusal made by Fastify or one of its plugins before a route ran, in our words: Nest hands
   * on Fastify's own errors as HttpExceptions, a plugin's (a body that does not gunzip) as errors
   * with a 4xx `statusCode`.
   * @returns undefined for anything that is not such a refusal
   */
  static fromPlatform(e: unknown): TransportError | undefined {
    if (e instanceof TransportError) return e;
    // Duck-typed: an error made inside Node (zlib) may come from another realm than this Error.
    const status = e instanceof HttpException ? e.getStatus() : typeof e === 'object' && e !== null ? (e as { statusCode?: unknown }).statusCode : undefined;
    if (status === HttpStatus.PAYLOAD_TOO_LARGE) return TransportError.tooLarge();
    if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE) return TransportError.unsupportedMediaType('the content type is not readable');
    if (e instanceof HttpException || typeof status !== 'number' || status < 400 || status > 499) return undefined;
    const code = (e as { code?: unknown }).code;
    return new TransportError(
      status,
      code === 'FST_CP_ERR_INVALID_CONTENT' ? 'content-encoding gzip, but the body does not decompress' : String((e as { message?: unknown }).message),
    );
  }

  /** 415, saying what to send instead. */
  static unsupportedMediaType(why: string): TransportError {
    return new TransportError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `${why}: ${SEND_JSON}`);
  }
}
