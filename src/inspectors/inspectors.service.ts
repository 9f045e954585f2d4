import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../common/domain-error';
import { type Page, pageOf } from '../common/paging';
import { likeContains } from '../common/sql';
import { Department } from '../departments/department.entity';
import type { CreateInspectorDto, InspectorQuery, UpdateInspectorDto } from './dto/inspector.dto';
import { Inspector } from './inspector.entity';

export type InspectorView = Omit<Inspector, 'phone' | 'email'> & { phone?: string; email?: string };

/** Contact details are for the office only. */
export function withoutContact(i: Inspector): InspectorView {
  const { phone: _p, email: _e, ...rest } = i;
  return rest;
}

@Injectable()
export class InspectorsService {
  constructor(
    @InjectRepository(Inspector) private readonly repo: Repository<Inspector>,
    @InjectRepository(Department) private readonly departments: Repository<Department>,
  ) {}

  async list(q: InspectorQuery): Promise<Page<Inspector>> {
    const qb = this.repo.createQueryBuilder('i').orderBy('i.id');
    if (q.q) qb.andWhere('(i.certNo ILIKE :q OR i.name ILIKE :q)', { q: likeContains(q.q) });
    if (q.departmentId !== undefined) qb.andWhere('i.departmentId = :dep', { dep: q.departmentId });
    if (q.speciality) qb.andWhere(':sp = ANY(i.specialities)', { sp: q.speciality });
    if (q.availableOn) {
      qb.andWhere('NOT (i.leaveFrom IS NOT NULL AND i.leaveFrom <= :day AND (i.leaveUntil IS NULL OR i.leaveUntil >= :day))', { day: q.availableOn });
    }
    if (q.active !== undefined) qb.andWhere('i.active = :active', { active: q.active });
    const [items, total] = await qb.skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return pageOf(items, total, q);
  }

  async get(id: number): Promise<Inspector> {
    const i = await this.repo.findOneBy({ id });
    if (!i) throw new NotFoundError('执法检查人员', id);
    return i;
  }

  async create(dto: CreateInspectorDto): Promise<Inspector> {
    await this.check(dto);
    return this.repo.save(this.repo.create(dto));
  }

  async update(id: number, dto: UpdateInspectorDto): Promise<Inspector> {
    const current = await this.get(id);
    const merged = this.repo.merge(current, dto);
    await this.check({ ...merged, departmentId: dto.departmentId });
    return this.repo.save(merged);
  }

  deactivate(id: number): Promise<Inspector> {
    return this.update(id, { active: false });
  }

  private async check(i: { departmentId?: number; leaveFrom?: string | null; leaveUntil?: string | null }): Promise<void> {
    if (i.departmentId !== undefined && !(await this.departments.existsBy({ id: i.departmentId, active: true }))) {
      throw new InvalidInputError(`所属部门不存在或已停用：${i.departmentId}`);
    }
    if (i.leaveFrom && i.leaveUntil && i.leaveUntil < i.leaveFrom) throw new InvalidInputError('休假结束日期不能早于开始日期');
    if (!i.leaveFrom && i.leaveUntil) throw new InvalidInputError('填写休假结束日期时必须同时填写开始日期');
  }
}
