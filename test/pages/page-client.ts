import request from 'supertest';
import type { LedgerApp } from '../support/ledger-app';

/** The host the page tests send forms to, and a form's origin on it. */
export const HOST = 'ledger.test';
export const ORIGIN = `http://${HOST}`;

/** The session cookie of a Set-Cookie answer, as a browser sends it back. */
export const sessionCookie = (res: request.Response): string | undefined =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('ledger_session='))
    ?.split(';')[0];

/** A form as a browser sends it from a page of the ledger: urlencoded, with the page's Origin. */
export const postForm = (ledger: LedgerApp, path: string, form: Record<string, string>, headers: Record<string, string> = { origin: ORIGIN }) => {
  let t = request(ledger.app.getHttpServer()).post(path).set('host', HOST).type('form');
  for (const [k, v] of Object.entries(headers)) t = t.set(k, v);
  return t.send(form);
};

export const getPage = (ledger: LedgerApp, path: string, cookie?: string) => {
  const t = request(ledger.app.getHttpServer()).get(path).set('host', HOST);
  return cookie ? t.set('cookie', cookie) : t;
};

/** Signs in with `key` and gives back the session cookie. */
export const signIn = async (ledger: LedgerApp, key: string): Promise<string> => {
  const res = await postForm(ledger, '/ui/login', { key });
  const cookie = sessionCookie(res);
  if (res.status !== 303 || !cookie) throw new Error(`sign-in answered ${res.status}`);
  return cookie;
};

/** The form token a page carries (every page of a session has one in its forms). */
export const formToken = (html: string): string => {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('the page has no form token');
  return m[1];
};
