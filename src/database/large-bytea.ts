/** Anything that runs SQL: a DataSource or a transaction's EntityManager. */
interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
}

const SLICE_BYTES = 1 << 20;

/** The stored files: a commitment's snapshot and a draw's result, each one gzipped bytea value. */
type StoredColumn = { table: 'commitment'; column: 'snapshot_gz' } | { table: 'draw'; column: 'result_gz' };

/**
 * One large bytea value (a 17 MiB snapshot at 1,000,000 enterprises), read in 1 MiB slices.
 * node-postgres assembles one huge DataRow by copying it as it arrives and then decodes its hex
 * text; sliced, the same value arrives in about 0.4 of the time (docs/benchmarks.md). The slices
 * of an immutable value read inside one transaction are the value. Undefined: no such row.
 */
export async function readStoredBytes(q: Queryable, stored: StoredColumn, id: number): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let found = false;
  for await (const slice of storedByteSlices(q, stored, id, () => (found = true))) parts.push(slice);
  return found ? Buffer.concat(parts) : undefined;
}

/** The same value as its slices, each read when asked for, so that it can be consumed as it arrives. */
export async function* storedByteSlices(q: Queryable, { table, column }: StoredColumn, id: number, onFound?: () => void): AsyncGenerator<Buffer> {
  const [row] = await q.query<{ n: number }[]>(`SELECT octet_length(${column})::int AS n FROM ${table} WHERE id = $1`, [id]);
  if (!row) return;
  onFound?.();
  for (let offset = 0; offset < row.n; offset += SLICE_BYTES) {
    const [s] = await q.query<{ b: Buffer }[]>(`SELECT substring(${column} FROM $2 FOR $3) AS b FROM ${table} WHERE id = $1`, [id, offset + 1, SLICE_BYTES]);
    yield s.b;
  }
}

export const SNAPSHOT: StoredColumn = { table: 'commitment', column: 'snapshot_gz' };
export const RESULT: StoredColumn = { table: 'draw', column: 'result_gz' };
