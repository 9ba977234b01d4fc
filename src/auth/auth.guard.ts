import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiKeys, type ApiKeyHolder } from './api-keys';
import type { Role } from './roles';

const ROLES_KEY = 'ledger:roles';
export const Allow = (roles: readonly Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(ROLES_KEY, 'public');

export type AuthedRequest = FastifyRequest & { holder?: ApiKeyHolder };

/** Every route names who may call it; a route that names no one is closed. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeys,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const allowed = this.reflector.getAllAndOverride<readonly Role[] | 'public' | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (allowed === 'public') return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const holder = match ? this.keys.find(match[1]) : undefined;
    if (!holder) throw new UnauthorizedException('a valid API key is required: Authorization: Bearer <key>');
    if (!allowed?.includes(holder.role)) throw new ForbiddenException(`role ${holder.role} may not ${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`);
    req.holder = holder;
    return true;
  }
}
