import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { type Page, pageOf } from '../common/paging';
import { likeContains } from '../common/sql';
import { Department } from './department.entity';
import type { CreateDepartmentDto, DepartmentQuery, UpdateDepartmentDto } from './dto/department.dto';

@Injectable()
export class DepartmentsService {
  constructor(@InjectRepository(Department) private readonly repo: Repository<Department>) {}

  async list(q: DepartmentQuery): Promise<Page<Department>> {
    const qb = this.repo.createQueryBuilder('d').orderBy('d.id');
    if (q.q) qb.andWhere('(d.code ILIKE :q OR d.name ILIKE :q)', { q: likeContains(q.q) });
    if (q.active !== undefined) qb.andWhere('d.active = :active', { active: q.active });
    const [items, total] = await qb.skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return pageOf(items, total, q);
  }

  async get(id: number): Promise<Department> {
    const d = await this.repo.findOneBy({ id });
    if (!d) throw new NotFoundError('部门', id);
    return d;
  }

  create(dto: CreateDepartmentDto): Promise<Department> {
    return this.repo.save(this.repo.create(dto));
  }

  async update(id: number, dto: UpdateDepartmentDto): Promise<Department> {
    const d = await this.get(id);
    return this.repo.save(this.repo.merge(d, dto));
  }

  async deactivate(id: number): Promise<Department> {
    return this.update(id, { active: false });
  }
}
