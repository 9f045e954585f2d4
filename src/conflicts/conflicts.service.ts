import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-error';
import { type Page, pageOf } from '../common/paging';
import { Conflict } from './conflict.entity';
import type { ConflictQuery, CreateConflictDto, UpdateConflictDto } from './dto/conflict.dto';

/** A conflict with the names the office needs to read it. */
export interface ConflictView extends Conflict {
  inspectorName: string;
  inspectorCertNo: string;
  enterpriseName: string;
  enterpriseUscc: string;
}

@Injectable()
export class ConflictsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(Conflict);
  }

  private view() {
    return this.repo
      .createQueryBuilder('c')
      .innerJoin('inspector', 'i', 'i.id = c.inspector_id')
      .innerJoin('enterprise', 'e', 'e.id = c.enterprise_id')
      .addSelect(['i.name AS "inspectorName"', 'i.cert_no AS "inspectorCertNo"', 'e.name AS "enterpriseName"', 'e.uscc AS "enterpriseUscc"']);
  }

  async list(q: ConflictQuery): Promise<Page<ConflictView>> {
    const qb = this.view().orderBy('c.id');
    if (q.inspectorId !== undefined) qb.andWhere('c.inspectorId = :iid', { iid: q.inspectorId });
    if (q.enterpriseId !== undefined) qb.andWhere('c.enterpriseId = :eid', { eid: q.enterpriseId });
    if (q.active !== undefined) qb.andWhere('c.active = :active', { active: q.active });
    const total = await qb.getCount();
    const { entities, raw } = await qb.offset((q.page - 1) * q.pageSize).limit(q.pageSize).getRawAndEntities();
    return pageOf(entities.map((c, i) => withNames(c, raw[i] as Record<string, string>)), total, q);
  }

  async get(id: number): Promise<ConflictView> {
    const { entities, raw } = await this.view().where('c.id = :id', { id }).getRawAndEntities();
    if (!entities[0]) throw new NotFoundError('回避记录', id);
    return withNames(entities[0], raw[0] as Record<string, string>);
  }

  async create(dto: CreateConflictDto): Promise<ConflictView> {
    const [inspector] = await this.db.query('SELECT 1 FROM inspector WHERE id = $1', [dto.inspectorId]);
    if (!inspector) throw new InvalidInputError(`执法检查人员不存在：${dto.inspectorId}`);
    const [enterprise] = await this.db.query('SELECT 1 FROM enterprise WHERE id = $1', [dto.enterpriseId]);
    if (!enterprise) throw new InvalidInputError(`企业不存在：${dto.enterpriseId}`);
    if (await this.repo.existsBy({ inspectorId: dto.inspectorId, enterpriseId: dto.enterpriseId })) {
      throw new ConflictError('该执法人员与该企业的回避记录已存在，请修改原记录');
    }
    const saved = await this.repo.save(this.repo.create(dto));
    return this.get(saved.id);
  }

  async update(id: number, dto: UpdateConflictDto): Promise<ConflictView> {
    const c = await this.repo.findOneBy({ id });
    if (!c) throw new NotFoundError('回避记录', id);
    await this.repo.save(this.repo.merge(c, dto));
    return this.get(id);
  }

  deactivate(id: number): Promise<ConflictView> {
    return this.update(id, { active: false });
  }
}

function withNames(c: Conflict, raw: Record<string, string>): ConflictView {
  return Object.assign(c, {
    inspectorName: raw.inspectorName,
    inspectorCertNo: raw.inspectorCertNo,
    enterpriseName: raw.enterpriseName,
    enterpriseUscc: raw.enterpriseUscc,
  });
}
