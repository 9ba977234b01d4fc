import type { ApiKeyHolder } from '../../auth/api-keys';
import { ACCESS, type RouteKind } from '../../auth/roles';

/** Who reads a page: the holder of the key they signed in with, and the secret their form tokens are made from. */
export interface PageSession {
  readonly holder: ApiKeyHolder;
  readonly csrfSecret: string;
}

/**
 * Whether a key may read what a route of this kind answers: the same test the API's AuthGuard makes
 * (roles.ts), so a page shows only what its reader may read through the API.
 */
export const may = (holder: ApiKeyHolder, kind: RouteKind): boolean =>
  ACCESS[kind].roles.includes(holder.role) && (!ACCESS[kind].boardWide || holder.schools === null);
