import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { ConflictError } from '../common/domain-error';
import type { DrawResult } from '../draw';

const LINES_PER_CHUNK = 20_000;

/** A field of COPY's text format. */
const field = (s: string): string => s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string);
/** A PostgreSQL array literal of text elements, each quoted. */
const array = (xs: readonly string[]): string => `{${xs.map((x) => `"${x.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

function* stageLines(result: DrawResult, ids: ReadonlyMap<string, number>): Generator<string> {
  let batch: string[] = [];
  const rows = function* () {
    for (const i of result.inspections) yield `${field(i.uscc)}\t${field(array(i.matters))}\t\\N\t{${i.team.map((c) => ids.get(c)).join(',')}}\n`;
    for (const u of result.unstaffed) yield `${field(u.uscc)}\t${field(array(u.matters))}\t${field(u.reason)}\t{}\n`;
  };
  for (const line of rows()) {
    batch.push(line);
    if (batch.length === LINES_PER_CHUNK) {
      yield batch.join('');
      batch = [];
    }
  }
  if (batch.length) yield batch.join('');
}

/**
 * The ids of the inspectors staffed, by 执法证号, their rows locked as a foreign key would lock
 * them (the team is an array of ids, see migrations/1763900400000-inspection-team.ts).
 */
async function inspectorIds(client: PoolClient, result: DrawResult): Promise<Map<string, number>> {
  const certs = [...new Set(result.inspections.flatMap((i) => i.team))];
  const { rows } = await client.query<{ id: number; cert_no: string }>('SELECT id, cert_no FROM inspector WHERE cert_no = ANY($1) FOR KEY SHARE', [certs]);
  if (rows.length !== certs.length) {
    throw new ConflictError(`检查组中有 ${certs.length - rows.length} 名执法人员在执法检查人员名录中已找不到（执法证号在承诺后被修改），抽取未保存：请撤回承诺后重新提交`);
  }
  return new Map(rows.map((r) => [r.cert_no, r.id]));
}

/**
 * Writes the drawn inspections with their teams: COPY into a staging table, then one set-based
 * insert. Every row must land: an enterprise or inspector that can no longer be found by its
 * code (edited since the commitment) refuses the draw rather than dropping it silently.
 */
export async function persistInspections(tx: EntityManager, drawId: number, result: DrawResult): Promise<void> {
  if (!tx.queryRunner) throw new Error('persistInspections runs inside a transaction');
  const client = (await tx.queryRunner.connect()) as PoolClient;
  const ids = await inspectorIds(client, result);
  await client.query(
    'CREATE TEMP TABLE IF NOT EXISTS stage_inspection (uscc char(18) NOT NULL, matters varchar[] NOT NULL, reason varchar(32), team_ids integer[] NOT NULL) ON COMMIT DROP',
  );
  await client.query('TRUNCATE stage_inspection');
  await pipeline(Readable.from(stageLines(result, ids)), client.query(copyFrom('COPY stage_inspection (uscc, matters, reason, team_ids) FROM STDIN')));
  const visits = result.inspections.length + result.unstaffed.length;
  const inserted = await client.query(
    `INSERT INTO inspection (draw_id, enterprise_id, uscc, matter_codes, unstaffed_reason, team_ids)
     SELECT $1, e.id, s.uscc, s.matters, s.reason, s.team_ids FROM stage_inspection s JOIN enterprise e ON e.uscc = s.uscc`,
    [drawId],
  );
  if (inserted.rowCount !== visits) {
    throw new ConflictError(`有 ${visits - (inserted.rowCount ?? 0)} 家被抽中的企业在检查对象名录中已找不到（统一社会信用代码在承诺后被修改），抽取未保存：请撤回承诺后重新提交`);
  }
}
