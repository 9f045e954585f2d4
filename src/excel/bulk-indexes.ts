import type { PoolClient } from 'pg';

/**
 * Drops a table's secondary indexes and unique constraints, returning the statements that
 * recreate them exactly as they were (names and definitions read from the catalogue, so they
 * follow the migrations). The primary key and any index a foreign key relies on stay.
 *
 * For a load that adds more rows than the table holds: PostgreSQL builds an index from sorted
 * rows in a fraction of the time it takes to insert the same rows into it one by one (measured
 * in docs/benchmarks.md). Dropping takes the table's ACCESS EXCLUSIVE lock until the transaction
 * ends, so readers of the table wait for the import to commit; a rollback restores everything.
 */
export async function dropSecondaryIndexes(client: PoolClient, table: string): Promise<string[]> {
  const { rows } = await client.query<{ drop: string; restore: string }>(
    `SELECT CASE WHEN c.conname IS NULL THEN format('DROP INDEX %I.%I', n.nspname, i.relname)
                 ELSE format('ALTER TABLE %s DROP CONSTRAINT %I', t.oid::regclass, c.conname) END AS drop,
            CASE WHEN c.conname IS NULL THEN pg_get_indexdef(i.oid)
                 ELSE format('ALTER TABLE %s ADD CONSTRAINT %I %s', t.oid::regclass, c.conname, pg_get_constraintdef(c.oid)) END AS restore
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_namespace n ON n.oid = i.relnamespace
     JOIN pg_class t ON t.oid = x.indrelid
     LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = t.oid AND c.contype IN ('u', 'x')
     WHERE t.oid = $1::regclass AND NOT x.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = x.indexrelid)
     ORDER BY i.relname`,
    [table],
  );
  for (const r of rows) await client.query(r.drop);
  return rows.map((r) => r.restore);
}

export async function restoreIndexes(client: PoolClient, statements: readonly string[]): Promise<void> {
  for (const sql of statements) await client.query(sql);
}
