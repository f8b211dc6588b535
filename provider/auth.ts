import { randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Bearer-token auth as HubSpot's private apps use it (`Authorization: Bearer <token>`). The
 * sandbox knows one token per start; a missing or different token gets HubSpot's 401 body, which
 * never repeats the token presented.
 */

/** HubSpot's 401 message and category (FACTS §5 "Documented common errors"). */
export const UNAUTHORIZED = {
  category: 'INVALID_AUTHENTICATION',
  message:
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
} as const;

/** The token a request presents, or undefined when there is no `Bearer` authorization. */
export function presentedToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}

/** Whether `presented` is the sandbox's token; compared in constant time, as a real server would. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A new private-app-style token (`pat-na1-<uuid>`), so redaction rules written for HubSpot's tokens apply. */
export function generateToken(): string {
  return `pat-na1-${randomUUID()}`;
}

/** A token must be one header-safe word: it is sent in `Authorization` and printed by `hsac sandbox`. */
export function validateToken(token: string): string {
  if (!/^[\x21-\x7e]{8,512}$/.test(token))
    throw new RangeError('token must be 8-512 visible ASCII characters without spaces');
  return token;
}
