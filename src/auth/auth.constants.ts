export const AUTH_SECRET = Symbol('AUTH_SECRET');
/** Sessions last one working day. */
export const SESSION_SECONDS = 12 * 3600;
