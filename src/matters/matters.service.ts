import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../common/domain-error';
import { type Page, pageOf } from '../common/paging';
import { likeContains } from '../common/sql';
import { Department } from '../departments/department.entity';
import type { CreateMatterDto, MatterQuery, UpdateMatterDto } from './dto/matter.dto';
import { InspectionMatter } from './inspection-matter.entity';

export function defaultMatterCode(seq: number): string {
  return `M${String(seq).padStart(3, '0')}`;
}

/** Key supervision (重点监管) means every enterprise subject to the matter is inspected. */
function checkKeySupervision(keySupervision: boolean, ratio: number): void {
  if (keySupervision && ratio !== 1) throw new InvalidInputError('重点监管事项的抽查比例应为 100%（samplingRatio 为 1）');
}

@Injectable()
export class MattersService {
  constructor(
    @InjectRepository(InspectionMatter) private readonly repo: Repository<InspectionMatter>,
    @InjectRepository(Department) private readonly departments: Repository<Department>,
  ) {}

  async list(q: MatterQuery): Promise<Page<InspectionMatter>> {
    const qb = this.repo.createQueryBuilder('m').leftJoinAndSelect('m.leadDepartment', 'd').orderBy('m.seq').addOrderBy('m.id');
    if (q.q) qb.andWhere('(m.code ILIKE :q OR m.name ILIKE :q)', { q: likeContains(q.q) });
    if (q.leadDepartmentId !== undefined) qb.andWhere('m.leadDepartmentId = :dep', { dep: q.leadDepartmentId });
    if (q.keySupervision !== undefined) qb.andWhere('m.keySupervision = :ks', { ks: q.keySupervision });
    if (q.active !== undefined) qb.andWhere('m.active = :active', { active: q.active });
    const [items, total] = await qb.skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return pageOf(items, total, q);
  }

  async get(id: number): Promise<InspectionMatter> {
    const m = await this.repo.findOne({ where: { id }, relations: { leadDepartment: true } });
    if (!m) throw new NotFoundError('监管事项', id);
    return m;
  }

  async create(dto: CreateMatterDto): Promise<InspectionMatter> {
    await this.requireDepartment(dto.leadDepartmentId);
    checkKeySupervision(dto.keySupervision ?? false, dto.samplingRatio);
    const saved = await this.repo.save(this.repo.create({ ...dto, code: dto.code ?? defaultMatterCode(dto.seq) }));
    return this.get(saved.id);
  }

  async update(id: number, dto: UpdateMatterDto): Promise<InspectionMatter> {
    const m = await this.get(id);
    if (dto.leadDepartmentId !== undefined) await this.requireDepartment(dto.leadDepartmentId);
    delete m.leadDepartment;
    const merged = this.repo.merge(m, dto);
    checkKeySupervision(merged.keySupervision, merged.samplingRatio);
    await this.repo.save(merged);
    return this.get(id);
  }

  deactivate(id: number): Promise<InspectionMatter> {
    return this.update(id, { active: false });
  }

  private async requireDepartment(id: number): Promise<void> {
    if (!(await this.departments.existsBy({ id, active: true }))) throw new InvalidInputError(`牵头部门不存在或已停用：${id}`);
  }
}
