import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { normalizeIp } from '@nestjs/throttler';
import { type HeaderSink, type HeaderSource, headerOf, setHeader } from '../http/headers';
import type { Schools } from '../ledger/domain/school-scope';
import { ApiKeys, type ApiKeyHolder } from './api-keys';
import type { RouteAccess } from './roles';
import { WrongKeyThrottle } from './wrong-key-throttle';

export const ACCESS_KEY = 'ledger:access';
/** Names who may call a route: one entry of `ACCESS` in roles.ts; the OpenAPI document says it too. */
export const Allow = (access: RouteAccess) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, access),
    ApiExtension('x-roles', [...access.roles]),
    ApiExtension('x-route-kind', access.kind),
    ...(access.boardWide ? [ApiExtension('x-board-wide', true)] : []),
  );
export const Public = () => applyDecorators(SetMetadata(ACCESS_KEY, 'public'), ApiExtension('x-roles', []), ApiExtension('x-route-kind', 'public'));

/** The little of a request the ledger reads, the same on Express and Fastify. */
export interface AuthedRequest extends HeaderSource {
  readonly method: string;
  readonly url: string;
  readonly originalUrl: string;
  readonly ip?: string;
  readonly body?: unknown;
  holder?: ApiKeyHolder;
}

/** The schools the calling key serves; null for a key that serves the whole board. */
export const SchoolsOfKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Schools => ctx.switchToHttp().getRequest<AuthedRequest>().holder?.schools ?? null,
);

const tooMany = (res: HeaderSink, seconds: number): never => {
  setHeader(res, 'Retry-After', seconds);
  throw new HttpException(
    { error: 'AUTH.TOO_MANY_WRONG_KEYS', message: `too many wrong API keys from this client; try again in ${seconds} s`, details: [] },
    HttpStatus.TOO_MANY_REQUESTS,
  );
};

/**
 * Every route names who may call it; a route that names no one is closed. A client that keeps
 * presenting wrong keys is answered 429 for a while, whatever key it shows (DESIGN: errors).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeys,
    private readonly throttle: WrongKeyThrottle,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<RouteAccess | 'public' | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (access === 'public') return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const res = ctx.switchToHttp().getResponse<HeaderSink>();
    const client = normalizeIp(req.ip ?? 'unknown');
    const blocked = this.throttle.blockedFor(client);
    if (blocked) tooMany(res, blocked);
    const authorization = headerOf(req, 'authorization');
    const match = /^Bearer (.+)$/.exec(authorization ?? '');
    const holder = match ? this.keys.find(match[1]) : undefined;
    if (!holder) {
      // Only a key that was shown and is wrong counts: a request without one guesses nothing.
      if (authorization !== undefined) {
        const wait = await this.throttle.wrongKey(client);
        if (wait) tooMany(res, wait);
      }
      throw new UnauthorizedException('a valid API key is required: Authorization: Bearer <key>');
    }
    // Known before the role is checked, so that the request log names who was refused too.
    req.holder = holder;
    const path = req.url.split('?')[0];
    if (!access?.roles.includes(holder.role)) throw new ForbiddenException(`role ${holder.role} may not ${req.method} ${path}`);
    if (access.boardWide && holder.schools !== null)
      throw new ForbiddenException(`${req.method} ${path} concerns the whole board: it needs a key that names no schools`);
    return true;
  }
}
