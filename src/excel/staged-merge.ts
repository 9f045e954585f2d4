import type { PoolClient } from 'pg';
import type { MergeOutcome } from './import-target';

export interface MergeField {
  header: string;
  column: string;
}

/** The stored row's `active` flag, set again by a staged `active = true`: a row in the file is a live row. */
export const REACTIVATE: MergeField = { header: '启用', column: 'active' };

export interface MergeSpec {
  table: string;
  /** Key column, same name in the table and in import_stage. */
  key: string;
  /** For keys that are not one column: how a staged row finds its stored row, and what the key is. */
  match?: { on: string; key: string; insertKeys: Readonly<Record<string, string>> };
  /** Fields whose headers the file has; only these are compared and written. */
  fields: readonly MergeField[];
  /** Values for new rows' columns the file lacks, as SQL over `s` (the staged row). */
  insertDefaults?: Readonly<Record<string, string>>;
  /** Only stored rows with id up to this can match (see ImportTarget.merge). */
  storedUpTo?: number;
}

/**
 * Set-based upsert of the staged chunk by key, recording in import_diff which stored row
 * each staged row matched and which columns changed, so the report names them.
 */
export async function mergeStaged(client: PoolClient, spec: MergeSpec, changeLimit: number): Promise<MergeOutcome> {
  const { table, key, fields } = spec;
  const checks = fields.map((f) => `CASE WHEN e.${f.column} IS DISTINCT FROM s.${f.column} THEN '${f.header}' END`);
  // One join of the chunk with the stored rows, kept narrow (row, match, changed columns) so the
  // chunk is not written twice; the writes join it back to the chunk by row number and to the
  // table by primary key, which plans well without statistics on temp tables.
  await client.query(`
    DROP TABLE IF EXISTS import_diff;
    CREATE TEMP TABLE import_diff ON COMMIT DROP AS
    SELECT s.row_no, ${spec.match?.key ?? `s.${key}`}::text AS diff_key, e.id AS target_id,
           CASE WHEN e.id IS NULL THEN NULL ELSE array_remove(ARRAY[${checks.join(', ') || 'NULL'}]::text[], NULL) END AS changed
    FROM import_stage s LEFT JOIN ${table} e ON ${spec.match?.on ?? `e.${key} = s.${key}`}${spec.storedUpTo === undefined ? '' : ` AND e.id <= ${Math.trunc(spec.storedUpTo)}`}`);
  if (fields.length) {
    await client.query(`
      UPDATE ${table} e SET ${fields.map((f) => `${f.column} = s.${f.column}`).join(', ')}, updated_at = now()
      FROM import_diff d JOIN import_stage s USING (row_no) WHERE e.id = d.target_id AND cardinality(d.changed) > 0`);
  }
  const defaults = Object.entries(spec.insertDefaults ?? {}).filter(([c]) => !fields.some((f) => f.column === c));
  const keys = Object.entries(spec.match?.insertKeys ?? { [key]: `s.${key}` });
  const cols = [...keys.map(([c]) => c), ...fields.map((f) => f.column), ...defaults.map(([c]) => c)];
  const values = [...keys.map(([, sql]) => sql), ...fields.map((f) => `s.${f.column}`), ...defaults.map(([, sql]) => sql)];
  await client.query(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${values.join(', ')} FROM import_stage s JOIN import_diff d USING (row_no) WHERE d.target_id IS NULL`);
  const { rows } = await client.query<{ created: number; updated: number; unchanged: number }>(`
    SELECT count(*) FILTER (WHERE target_id IS NULL)::int AS created,
           count(*) FILTER (WHERE cardinality(changed) > 0)::int AS updated,
           count(*) FILTER (WHERE cardinality(changed) = 0)::int AS unchanged
    FROM import_diff`);
  const changes =
    changeLimit > 0
      ? (
          await client.query<{ key: string; changed: string[] | null }>(
            `SELECT trim(diff_key) AS key, changed FROM import_diff WHERE target_id IS NULL OR cardinality(changed) > 0 ORDER BY row_no LIMIT ${changeLimit}`,
          )
        ).rows.map((c) => (c.changed ? { key: c.key, action: 'updated' as const, fields: c.changed } : { key: c.key, action: 'created' as const }))
      : [];
  return { ...rows[0], changes };
}
