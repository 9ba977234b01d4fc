/**
 * Whether a form was sent from a page of this ledger (OWASP: verify the origin with standard
 * headers): its `Origin`, or its `Referer` where a browser sends no Origin, names the host the request
 * was sent to. A proxy in front of the ledger must pass the `Host` header on. Together with the
 * SameSite=Strict cookie and the form token this keeps other sites' forms out.
 */
export const sameOrigin = (headers: { readonly host?: string; readonly origin?: string; readonly referer?: string }): boolean => {
  const host = headers.host?.toLowerCase();
  const source = headers.origin ?? headers.referer;
  if (!host || !source || source === 'null') return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
};
