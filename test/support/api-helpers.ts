import type { Response } from 'supertest';

/**
 * GB 32100-2015 check character, written here independently of src/common/uscc.ts so that
 * the tests do not take the product's checker on trust (anchored by a real code in the specs).
 */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export function withUsccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error(`not a USCC character: ${first17[i]}`);
    sum += v * (3 ** i % 31);
  }
  return first17 + USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** A valid USCC for an enterprise of a region, distinct for each n. */
export function usccFor(regionCode: string, n: number): string {
  return withUsccCheck(`91${regionCode}${String(n).padStart(9, '0')}`);
}

/** The same code with a wrong check character. */
export function withWrongCheck(uscc: string): string {
  const wrong = USCC_CHARSET[(USCC_CHARSET.indexOf(uscc[17]) + 1) % USCC_CHARSET.length];
  return uscc.slice(0, 17) + wrong;
}

const HAN = /[\u4e00-\u9fff]/;

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { field?: string; message: string }[];
}

/** The one error shape, {statusCode, code, message, details?}, with a Chinese message. */
export function expectError(res: Response, status: number, code?: string): ErrorBody {
  expect(res.status).toBe(status);
  const body = res.body as ErrorBody;
  expect(Object.keys(body).every((k) => ['statusCode', 'code', 'message', 'details'].includes(k))).toBe(true);
  expect(body.statusCode).toBe(status);
  expect(typeof body.code).toBe('string');
  if (code) expect(body.code).toBe(code);
  expect(body.message).toMatch(HAN);
  return body;
}

/** Everything a 400 says, top-level message and field messages, as one string to search. */
export function errorText(body: ErrorBody): string {
  return [body.message, ...(body.details ?? []).map((d) => `${d.field ?? ''}: ${d.message}`)].join('\n');
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface Paged<T> {
  items: T[];
  total: number;
}
