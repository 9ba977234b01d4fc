import '@fastify/cookie';
import Tokens from '@fastify/csrf';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ApiKeyHolder, ApiKeys } from '../../auth/api-keys';
import { Clock } from '../../ledger/command-handling/clock';
import { ms } from '../../ledger/domain/time';
import type { PageSession } from './page-session';

export const SESSION_COOKIE = 'ledger_session';
/** DESIGN: a session ends after 8 hours without a page read. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

/** What the signed cookie holds: no key, no role, nothing personal — the key's id, the form-token secret, when last seen. */
interface Claims {
  readonly v: 1;
  /** ApiKeyHolder.keyId: the role and schools are read from the configured keys on every request. */
  readonly k: string;
  readonly c: string;
  /** Last page read, epoch ms. */
  readonly t: number;
}

const COOKIE = { signed: true, httpOnly: true, sameSite: 'strict', path: '/ui/', secure: 'auto', maxAge: SESSION_IDLE_MS / 1000 } as const;

const encode = (c: Claims) => Buffer.from(JSON.stringify(c)).toString('base64url');

const decode = (value: string): Claims | null => {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Claims>;
    return c.v === 1 && typeof c.k === 'string' && typeof c.c === 'string' && typeof c.t === 'number' ? (c as Claims) : null;
  } catch {
    return null;
  }
};

/**
 * The pages' sessions (DESIGN, "Pages' sessions"): stateless, in a cookie signed by @fastify/cookie
 * (HMAC-SHA256 under the session secret), so any instance serves them; httpOnly, SameSite=Strict,
 * Path=/ui/ — the API never reads it and stays bearer-only. Each page read moves the 8-hour idle
 * expiry on. Forms carry a token (@fastify/csrf) made from a secret that is new with every sign-in.
 */
@Injectable()
export class UiSessions {
  private readonly tokens = Tokens({ userInfo: false });

  constructor(
    private readonly keys: ApiKeys,
    private readonly clock: Clock,
  ) {}

  /** Signs `holder` in: a new session, whatever the request carried before (no fixation). */
  start(reply: FastifyReply, holder: ApiKeyHolder): void {
    void reply.setCookie(SESSION_COOKIE, encode({ v: 1, k: holder.keyId, c: this.tokens.secretSync(), t: this.now() }), COOKIE);
  }

  /**
   * The request's session, moved on to now; null when there is none, its signature fails, it was
   * idle for 8 hours or more, or its key is no longer configured.
   */
  resume(req: FastifyRequest, reply: FastifyReply): PageSession | 'expired' | null {
    const raw = req.cookies[SESSION_COOKIE];
    if (!raw) return null;
    const unsigned = req.unsignCookie(raw);
    const claims = unsigned.valid && unsigned.value !== null ? decode(unsigned.value) : null;
    const holder = claims && this.keys.byKeyId(claims.k);
    if (!claims || !holder) return null;
    const now = this.now();
    if (now - claims.t >= SESSION_IDLE_MS || claims.t > now + SESSION_IDLE_MS) return 'expired';
    void reply.setCookie(SESSION_COOKIE, encode({ ...claims, t: now }), COOKIE);
    return { holder, csrfSecret: claims.c };
  }

  end(reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, { path: COOKIE.path });
  }

  /** A token for a form of this session; every token of a session verifies until it ends. */
  formToken(session: PageSession): string {
    return this.tokens.create(session.csrfSecret);
  }

  formTokenValid(session: PageSession, token: unknown): boolean {
    return typeof token === 'string' && this.tokens.verify(session.csrfSecret, token);
  }

  private now(): number {
    return ms(this.clock.now());
  }
}
