import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { UNSTAFFED_REASONS, EXCLUSION_REASONS } from '../draw';
import { gunzipLines } from '../draws/gzip-lines';
import { type CellValue, type SheetStream, sendWorkbook } from '../excel/xlsx-response';
import type { InspectionRow, InspectionsService } from './inspections.service';

const HEADERS = ['任务编号', '检查时段', '统一社会信用代码', '企业名称', '行政区划代码', '地址', '检查事项', '检查组', '状态'];

function cells(r: InspectionRow, matterNames: Map<string, string>): CellValue[] {
  return [
    r.taskCode,
    `${r.windowStart} 至 ${r.windowEnd}`,
    r.uscc,
    r.enterpriseName,
    r.regionCode,
    r.address,
    r.matterCodes.map((c) => `${c} ${matterNames.get(c) ?? ''}`.trim()).join('；'),
    r.team.map((m) => `${m.name}（${m.certNo}，${m.department}）`).join('；'),
    r.unstaffedReason ? `未能配组：${UNSTAFFED_REASONS[r.unstaffedReason as keyof typeof UNSTAFFED_REASONS] ?? r.unstaffedReason}` : '已配组',
  ];
}

async function matterNames(db: DataSource): Promise<Map<string, string>> {
  return new Map((await db.query<{ code: string; name: string }[]>('SELECT code, name FROM inspection_matter')).map((m) => [m.code, m.name]));
}

async function* map<T, U>(xs: AsyncIterable<T>, f: (x: T) => U): AsyncGenerator<U> {
  for await (const x of xs) yield f(x);
}

/** The drawn list: one sheet for the task, one per lead department, or one row per inspector and inspection. */
export async function exportDraw(res: Response, db: DataSource, inspections: InspectionsService, drawId: number, taskCode: string, by: 'task' | 'department' | 'inspector'): Promise<void> {
  const names = await matterNames(db);
  const sheets: SheetStream[] = [];
  if (by === 'task') {
    sheets.push({ name: '抽取名单', headers: HEADERS, rows: map(inspections.all('WHERE i.draw_id = $1', [drawId], 'i.uscc'), (r) => cells(r, names)) });
  } else if (by === 'department') {
    const deps = await db.query<{ name: string; codes: string[] }[]>(
      `SELECT d.name, array_agg(m.code) AS codes FROM inspection_matter m JOIN department d ON d.id = m.lead_department_id
       WHERE m.code IN (SELECT unnest(matter_codes) FROM inspection WHERE draw_id = $1) GROUP BY d.name ORDER BY d.name`,
      [drawId],
    );
    for (const d of deps) {
      const rows = inspections.all('WHERE i.draw_id = $1 AND i.matter_codes && $2::varchar[]', [drawId, d.codes], 'i.uscc');
      sheets.push({ name: d.name, headers: HEADERS, rows: map(rows, (r) => cells(r, names)) });
    }
  } else {
    const rows = db.query<{ certNo: string; name: string; department: string; uscc: string }[]>(
      `SELECT ins.cert_no AS "certNo", ins.name, d.name AS department, i.uscc FROM inspection i
       CROSS JOIN LATERAL unnest(i.team_ids) AS m(inspector_id) JOIN inspector ins ON ins.id = m.inspector_id JOIN department d ON d.id = ins.department_id
       WHERE i.draw_id = $1 ORDER BY ins.cert_no, i.uscc`,
      [drawId],
    );
    const byUscc = new Map<string, InspectionRow>();
    for await (const r of inspections.all('WHERE i.draw_id = $1', [drawId], 'i.uscc')) byUscc.set(r.uscc, r);
    async function* perInspector() {
      for (const m of await rows) yield [m.certNo, m.name, m.department, ...cells(byUscc.get(m.uscc)!, names)];
    }
    sheets.push({ name: '执法人员任务', headers: ['执法证号', '姓名', '所属部门', ...HEADERS], rows: perInspector() });
  }
  const label = { task: '抽取名单', department: '按部门', inspector: '按执法人员' }[by];
  await sendWorkbook(res, `${taskCode}-${label}.xlsx`, sheets);
}

/** Every excluded (enterprise, matter) of a draw with its reason, read from the stored canonical result. */
export async function exportExclusions(res: Response, gz: Buffer, taskCode: string): Promise<void> {
  async function* rows(): AsyncGenerator<CellValue[]> {
    for (const line of await gunzipLines(gz)) {
      if (!line.startsWith('{"matter":')) continue;
      const e = JSON.parse(line) as { matter: string; reason: keyof typeof EXCLUSION_REASONS; tier: string; uscc: string };
      yield [e.uscc, e.matter, e.tier, EXCLUSION_REASONS[e.reason] ?? e.reason];
    }
  }
  await sendWorkbook(res, `${taskCode}-不参加抽取名单.xlsx`, [{ name: '不参加抽取', headers: ['统一社会信用代码', '监管事项编码', '信用等级', '原因'], rows: rows() }]);
}
