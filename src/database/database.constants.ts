export const DATABASE_MODE = Symbol('DATABASE_MODE');
/** embedded: the server this product started; external: the one DATABASE_URL names. */
export type DatabaseMode = 'embedded' | 'external';
