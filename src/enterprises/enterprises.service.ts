import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-error';
import { type Page, pageOf } from '../common/paging';
import { likeContains, likePrefix } from '../common/sql';
import type { CreateEnterpriseDto, EnterpriseQuery, UpdateEnterpriseDto } from './dto/enterprise.dto';
import type { CreditTier, EnterpriseStatus, TriggerKind } from './enterprise-status';

/** An enterprise as the API shows it: the row plus the codes of the matters it is subject to. */
export interface EnterpriseView {
  id: number;
  uscc: string;
  name: string;
  regionCode: string;
  address: string;
  industry: string;
  status: EnterpriseStatus;
  creditTier: CreditTier;
  newEconomy: boolean;
  observationStart: string | null;
  observationEnd: string | null;
  triggerKinds: TriggerKind[];
  accidentCount: number;
  lastAccidentOn: string | null;
  active: boolean;
  matterCodes: string[];
  updatedAt: Date;
}

const SELECT_VIEW = `
  SELECT e.id, e.uscc, e.name, e.region_code AS "regionCode", e.address, e.industry, e.status,
         e.credit_tier AS "creditTier", e.new_economy AS "newEconomy",
         e.observation_start AS "observationStart", e.observation_end AS "observationEnd",
         e.trigger_kinds AS "triggerKinds", e.accident_count AS "accidentCount",
         e.last_accident_on AS "lastAccidentOn", e.active, e.updated_at AS "updatedAt",
         ARRAY(SELECT m.code FROM inspection_matter m WHERE m.id = ANY(e.matter_ids) ORDER BY m.seq, m.id) AS "matterCodes"
  FROM enterprise e`;

const COLUMNS: Record<string, string> = {
  uscc: 'uscc', name: 'name', regionCode: 'region_code', address: 'address', industry: 'industry', status: 'status',
  creditTier: 'credit_tier', newEconomy: 'new_economy', observationStart: 'observation_start',
  observationEnd: 'observation_end', triggerKinds: 'trigger_kinds', accidentCount: 'accident_count',
  lastAccidentOn: 'last_accident_on', active: 'active',
};

@Injectable()
export class EnterprisesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(q: EnterpriseQuery): Promise<Page<EnterpriseView>> {
    const { sql: whereSql, params } = enterpriseFilter(q);
    const [{ total }] = await this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM enterprise e${whereSql}`, params);
    const items = await this.db.query<EnterpriseView[]>(
      `${SELECT_VIEW}${whereSql} ORDER BY e.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return pageOf(items, total, q);
  }

  /** Every matching enterprise in id order, fetched in batches so memory stays flat. */
  async *stream(q: Omit<EnterpriseQuery, 'page' | 'pageSize'>, batch = 5000): AsyncGenerator<EnterpriseView> {
    const { sql: whereSql, params } = enterpriseFilter(q);
    const glue = whereSql ? ' AND' : ' WHERE';
    let after = 0;
    for (;;) {
      const rows = await this.db.query<EnterpriseView[]>(
        `${SELECT_VIEW}${whereSql}${glue} e.id > $${params.length + 1} ORDER BY e.id LIMIT ${batch}`,
        [...params, after],
      );
      yield* rows;
      if (rows.length < batch) return;
      after = rows[rows.length - 1].id;
    }
  }

  async get(id: number, manager: EntityManager = this.db.manager): Promise<EnterpriseView> {
    const [row] = await manager.query<EnterpriseView[]>(`${SELECT_VIEW} WHERE e.id = $1`, [id]);
    if (!row) throw new NotFoundError('企业', id);
    return row;
  }

  create(dto: CreateEnterpriseDto): Promise<EnterpriseView> {
    checkObservation(dto.observationStart, dto.observationEnd);
    return this.db.transaction(async (tx) => {
      const exists = await tx.query('SELECT 1 FROM enterprise WHERE uscc = $1', [dto.uscc]);
      if (exists.length) throw new ConflictError(`统一社会信用代码已存在：${dto.uscc}`);
      const { matterCodes, ...fields } = dto;
      const cols = Object.keys(fields).filter((k) => COLUMNS[k] && fields[k as keyof typeof fields] !== undefined);
      const [{ id }] = await tx.query<{ id: number }[]>(
        `INSERT INTO enterprise (${cols.map((k) => COLUMNS[k]).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        cols.map((k) => fields[k as keyof typeof fields]),
      );
      if (matterCodes) await this.setMatters(tx, id, matterCodes);
      return this.get(id, tx);
    });
  }

  update(id: number, dto: UpdateEnterpriseDto): Promise<EnterpriseView> {
    return this.db.transaction(async (tx) => {
      const current = await this.get(id, tx);
      checkObservation(dto.observationStart ?? current.observationStart, dto.observationEnd ?? current.observationEnd);
      const { matterCodes, ...fields } = dto;
      const cols = Object.keys(fields).filter((k) => COLUMNS[k] && fields[k as keyof typeof fields] !== undefined);
      if (cols.length) {
        await tx.query(
          `UPDATE enterprise SET ${cols.map((k, i) => `${COLUMNS[k]} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
          [id, ...cols.map((k) => fields[k as keyof typeof fields])],
        );
      }
      if (matterCodes) await this.setMatters(tx, id, matterCodes);
      return this.get(id, tx);
    });
  }

  deactivate(id: number): Promise<EnterpriseView> {
    return this.update(id, { active: false });
  }

  private async setMatters(tx: EntityManager, enterpriseId: number, codes: string[]): Promise<void> {
    const found = await tx.query<{ id: number; code: string }[]>('SELECT id, code FROM inspection_matter WHERE code = ANY($1)', [codes]);
    const unknown = codes.filter((c) => !found.some((m) => m.code === c));
    if (unknown.length) throw new InvalidInputError(`未知的监管事项编码：${unknown.join('、')}`);
    const ids = found.map((m) => m.id).sort((a, b) => a - b);
    await tx.query('UPDATE enterprise SET matter_ids = $2, updated_at = now() WHERE id = $1', [enterpriseId, ids]);
  }
}

function checkObservation(start?: string | null, end?: string | null): void {
  if (start && end && end < start) throw new InvalidInputError('观察期结束日期不能早于开始日期');
}

/** The list filters as a WHERE clause over `enterprise e`, with positional parameters. */
export function enterpriseFilter(q: Omit<EnterpriseQuery, 'page' | 'pageSize'>): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.q) {
    params.push(likePrefix(q.q.toUpperCase()), likeContains(q.q));
    where.push(`(e.uscc LIKE $${params.length - 1} OR e.name ILIKE $${params.length})`);
  }
  if (q.region) add('e.region_code LIKE ?', q.region + '%');
  if (q.creditTier) add('e.credit_tier = ?', q.creditTier);
  if (q.status) add('e.status = ?', q.status);
  if (q.newEconomy !== undefined) add('e.new_economy = ?', q.newEconomy);
  if (q.active !== undefined) add('e.active = ?', q.active);
  if (q.matterCode) {
    // An unknown code matches nothing (an empty ARRAY() would be contained in every row's).
    add('e.matter_ids @> ARRAY[(SELECT id FROM inspection_matter WHERE code = ?)]', q.matterCode);
  }
  return { sql: where.length ? ` WHERE ${where.join(' AND ')}` : '', params };
}
