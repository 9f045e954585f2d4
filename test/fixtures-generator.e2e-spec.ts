import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { HUAIAN_DEPARTMENTS, HUAIAN_MATTERS } from '../fixtures/huaian-matters';
import {
  type GeneratedEnterprise,
  HUAIAN_REGIONS,
  enterpriseAt,
  generateConflicts,
  generateEnterprises,
  generateInspectors,
} from '../fixtures/roster-generator';
import { type Cell, enterpriseRow, writeCsv, writeEnterpriseRoster, writeMatterWorkbook } from '../fixtures/write-files';
import { isValidUscc } from '../src/common/uscc';
import { ENTERPRISE_STATUSES } from '../src/enterprises/enterprise-status';
import { ENTERPRISE_LAYOUT, MATTER_LAYOUT, type SheetLayout, allHeaders } from '../src/excel/sheet-layouts';

/** Every row of the first sheet as text, read with exceljs's streaming reader. */
async function readXlsxRows(path: string): Promise<string[][]> {
  const rows: string[][] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache' });
  for await (const ws of reader) {
    for await (const row of ws) {
      // row.values is 1-based and sparse: Array.from visits the holes of empty cells.
      rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v === null || v === undefined ? '' : String(v))));
    }
    break;
  }
  return rows;
}

async function sheetName(path: string): Promise<string | undefined> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets[0]?.name;
}

const asText = (cells: Cell[]) => cells.map(String);
const padTo = (row: string[], n: number) => [...row, ...Array<string>(Math.max(0, n - row.length)).fill('')];

describe('the 淮安 matter list fixture', () => {
  it('holds the 12 matters of seed 004 with the published figures for matters 1 and 2', () => {
    expect(HUAIAN_MATTERS.map((m) => m.code)).toEqual(Array.from({ length: 12 }, (_, i) => `M${String(i + 1).padStart(3, '0')}`));
    expect(HUAIAN_MATTERS[0]).toMatchObject({
      name: '对危险化学品经营监管',
      ratio: '20%',
      leadDepartmentCode: 'ZCFG',
      keySupervision: false,
      demoAssumption: false,
    });
    expect(HUAIAN_MATTERS[1]).toMatchObject({
      name: '对烟花爆竹批发企业的监管',
      ratio: '100%',
      leadDepartmentCode: 'WHC',
      keySupervision: true,
      highRisk: true,
    });
    expect(HUAIAN_MATTERS.slice(2).every((m) => m.demoAssumption)).toBe(true);
  });

  it('has every lead department among the departments, and the speciality each matter needs', () => {
    for (const m of HUAIAN_MATTERS) {
      const lead = HUAIAN_DEPARTMENTS.find((d) => d.code === m.leadDepartmentCode);
      expect(lead?.specialities).toContain(m.requiredSpeciality);
    }
  });
});

describe('the roster generator', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    const a = [...generateEnterprises('s1', 500)];
    expect([...generateEnterprises('s1', 500)]).toEqual(a);
    expect(enterpriseAt('s1', 321)).toEqual(a[321]);
    expect([...generateEnterprises('s2', 500)].map((e) => e.uscc)).not.toEqual(a.map((e) => e.uscc));
    expect([...generateInspectors('s1', 50)]).toEqual([...generateInspectors('s1', 50)]);
    expect([...generateConflicts('s1', 500, 50, 10)]).toEqual([...generateConflicts('s1', 500, 50, 10)]);
  });

  it('makes 50,000 valid, unique USCCs and the specified mix of tiers, statuses and periods', () => {
    const n = 50_000;
    const usccs = new Set<string>();
    const tiers = { A: 0, B: 0, C: 0, D: 0 };
    let newEconomy = 0;
    let triggered = 0;
    let m001 = 0;
    let m002 = 0;
    const regions = new Set(HUAIAN_REGIONS.map((r) => r.code));
    const matterCodes = new Set(HUAIAN_MATTERS.map((m) => m.code));
    // Problems are collected and asserted once: an expect() per row would take most of a minute.
    const problems: string[] = [];
    const check = (ok: boolean, what: string, e: GeneratedEnterprise) => {
      if (!ok && problems.length < 20) problems.push(`${e.uscc}: ${what}`);
    };
    for (const e of generateEnterprises('huaian', n)) {
      check(isValidUscc(e.uscc), 'invalid USCC', e);
      check(e.uscc.slice(2, 8) === e.regionCode && regions.has(e.regionCode), 'region', e);
      check(ENTERPRISE_STATUSES[e.status] !== undefined, 'status', e);
      check(e.matterCodes.length >= 1 && e.matterCodes.length <= 3, 'number of matters', e);
      check(new Set(e.matterCodes).size === e.matterCodes.length && e.matterCodes.every((c) => matterCodes.has(c)), 'matter codes', e);
      if (e.newEconomy) {
        newEconomy++;
        const days = (Date.parse(e.observationEnd!) - Date.parse(e.observationStart!)) / 86_400_000;
        check(days >= 364 && days <= 731 && e.observationStart! >= '2025-01-01', 'observation period', e);
      } else {
        check(e.observationStart === null && e.observationEnd === null, 'observation period without 四新', e);
      }
      check(e.accidentCount > 0 === (e.lastAccidentOn !== null), 'accident date', e);
      if (e.triggerKinds.length) triggered++;
      if (e.matterCodes.includes('M001')) m001++;
      if (e.matterCodes.includes('M002')) m002++;
      tiers[e.creditTier]++;
      usccs.add(e.uscc);
    }
    expect(problems).toEqual([]);
    expect(usccs.size).toBe(n);
    const share = (k: number) => k / n;
    // Within one percentage point of A 20%, B 60%, C 15%, D 5% (several standard deviations at n = 50,000).
    expect(Math.abs(share(tiers.A) - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(share(tiers.B) - 0.6)).toBeLessThan(0.01);
    expect(Math.abs(share(tiers.C) - 0.15)).toBeLessThan(0.01);
    expect(Math.abs(share(tiers.D) - 0.05)).toBeLessThan(0.01);
    expect(share(newEconomy)).toBeGreaterThan(0.07);
    expect(share(newEconomy)).toBeLessThan(0.09);
    expect(share(triggered)).toBeGreaterThan(0.01);
    expect(share(triggered)).toBeLessThan(0.06);
    expect(m001).toBeGreaterThan(20 * m002);
    expect(m002).toBeGreaterThan(0);
  });

  it('staffs every department and every matter speciality with a pool of 40 inspectors', () => {
    const pool = [...generateInspectors('huaian-demo', 40)];
    expect(new Set(pool.map((i) => i.certNo)).size).toBe(40);
    expect(pool[0].certNo).toMatch(/^3208002\d{3}0001$/);
    expect(new Set(pool.map((i) => i.departmentCode))).toEqual(new Set(HUAIAN_DEPARTMENTS.map((d) => d.code)));
    for (const m of HUAIAN_MATTERS) {
      expect(pool.filter((i) => i.specialities.includes(m.requiredSpeciality)).length).toBeGreaterThanOrEqual(2);
    }
    for (const i of pool) {
      const own = HUAIAN_DEPARTMENTS.find((d) => d.code === i.departmentCode)!.specialities;
      expect(i.specialities.every((s) => own.includes(s))).toBe(true);
      if (i.leaveFrom) expect(i.leaveUntil! >= i.leaveFrom).toBe(true);
    }
  });

  it('makes distinct conflicts between generated inspectors and enterprises', () => {
    const certs = new Set([...generateInspectors('x', 30)].map((i) => i.certNo));
    const usccs = new Set([...generateEnterprises('x', 400)].map((e) => e.uscc));
    const conflicts = [...generateConflicts('x', 400, 30, 25)];
    expect(conflicts).toHaveLength(25);
    expect(new Set(conflicts.map((c) => `${c.certNo}/${c.uscc}`)).size).toBe(25);
    expect(conflicts.every((c) => certs.has(c.certNo) && usccs.has(c.uscc))).toBe(true);
  });
});

describe('the fixture files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fixtures-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const expectRoster = (rows: string[][], layout: SheetLayout, count: number) => {
    const headers = allHeaders(layout);
    expect(rows[0]).toEqual(headers);
    expect(rows).toHaveLength(count + 1);
    const expected = [...generateEnterprises('files', count)].map((e) => asText(enterpriseRow(e)));
    expect(rows.slice(1).map((r) => padTo(r, headers.length))).toEqual(expected);
  };

  it('writes an xlsx roster that reads back with the layout headers, and the same bytes every time', async () => {
    const path = join(dir, 'enterprises.xlsx');
    expect(await writeEnterpriseRoster(path, 'xlsx', 'files', 2000)).toBe(2000);
    expect(await sheetName(path)).toBe(ENTERPRISE_LAYOUT.sheet);
    expectRoster(await readXlsxRows(path), ENTERPRISE_LAYOUT, 2000);
    const again = join(dir, 'again.xlsx');
    await writeEnterpriseRoster(again, 'xlsx', 'files', 2000);
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
  });

  it('writes a UTF-8 CSV with BOM and CRLF that parses back to the same rows', async () => {
    const path = join(dir, 'enterprises.csv');
    await writeEnterpriseRoster(path, 'csv', 'files', 2000);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFF统一社会信用代码,')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(2002);
    expectRoster(csvRows(text), ENTERPRISE_LAYOUT, 2000);
  });

  it('quotes CSV fields as RFC 4180 says', async () => {
    const path = join(dir, 'quoted.csv');
    const tricky = ['a,b', 'say "hi"', 'two\nlines', '普通', 42];
    await writeCsv(path, { sheet: 't', required: ['一', '二', '三', '四', '五'], optional: [] }, [tricky]);
    expect(readFileSync(path, 'utf8')).toContain('"a,b","say ""hi""","two\nlines",普通,42\r\n');
    expect(csvRows(readFileSync(path, 'utf8'))[1]).toEqual(tricky.map(String));
  });

  it('writes the matter list with text ratios, and it is the committed fixtures/huaian-matters.xlsx', async () => {
    const path = join(dir, 'huaian-matters.xlsx');
    await writeMatterWorkbook(path);
    expect(await sheetName(path)).toBe(MATTER_LAYOUT.sheet);
    const rows = await readXlsxRows(path);
    const headers = allHeaders(MATTER_LAYOUT);
    expect(rows[0]).toEqual(headers);
    const byHeader = rows.slice(1).map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ''])));
    expect(byHeader).toHaveLength(12);
    expect(byHeader[0]).toMatchObject({ 序号: '1', 抽查比例: '20%', 牵头部门: '政策法规处', 事项编码: 'M001', 重点监管: '否' });
    expect(byHeader[1]).toMatchObject({
      抽查比例: '100%',
      牵头部门: '危化处',
      重点监管: '是',
      高风险事项: '是',
      监管措施: '重点监管、信用监管',
    });
    expect(readFileSync(path).equals(readFileSync(join(process.cwd(), 'fixtures/huaian-matters.xlsx')))).toBe(true);
  });
});

/** RFC 4180 rows of a CSV text, without its byte-order mark. */
function csvRows(text: string): string[][] {
  return Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}
