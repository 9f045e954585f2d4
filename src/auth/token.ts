import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from './user-account.entity';

export interface SessionClaims {
  sub: number;
  username: string;
  role: Role;
  inspectorId: number | null;
  /** The account's session version when signed: a password change or deactivation raises it. */
  ver: number;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');

/** A compact signed token: base64url(claims).base64url(HMAC-SHA256). */
export function signToken(claims: SessionClaims, secret: string): string {
  const body = b64(JSON.stringify(claims));
  return `${body}.${b64(createHmac('sha256', secret).update(body).digest())}`;
}

export function verifyToken(token: string, secret: string, now = Date.now()): SessionClaims | null {
  const [body, sig] = token.split('.');
  if (!body || !sig) return null;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionClaims;
    return claims.exp * 1000 > now ? claims : null;
  } catch {
    return null;
  }
}
