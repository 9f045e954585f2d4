import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword, verifyPassword } from '../auth/password';
import type { Role } from '../auth/user-account.entity';
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from '../common/domain-error';
import { type Page, pageOf } from '../common/paging';
import { likeContains } from '../common/sql';
import type { AccountQuery, CreateAccountDto, UpdateAccountDto } from './dto/account.dto';

export interface AccountView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  inspectorId: number | null;
  inspectorName: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.role, u.inspector_id AS "inspectorId", i.name AS "inspectorName",
  u.active, u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;
const FROM = 'user_account u LEFT JOIN inspector i ON i.id = u.inspector_id';

/**
 * Sign-in accounts, managed by the office. Passwords are only ever stored as scrypt hashes;
 * setting one (or deactivating the account) ends every session signed before.
 */
@Injectable()
export class AccountsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(q: AccountQuery): Promise<Page<AccountView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (q.q) add('(u.username ILIKE ? OR u.display_name ILIKE ?)', likeContains(q.q));
    if (q.role) add('u.role = ?', q.role);
    if (q.active !== undefined) add('u.active = ?', q.active);
    if (q.inspectorId !== undefined) add('u.inspector_id = ?', q.inspectorId);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM ${FROM} ${filter}`, params);
    const items = await this.db.query<AccountView[]>(
      `SELECT ${COLUMNS} FROM ${FROM} ${filter} ORDER BY u.username LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return pageOf(items, total, q);
  }

  async get(id: number, m: EntityManager = this.db.manager): Promise<AccountView> {
    const [a] = await m.query<AccountView[]>(`SELECT ${COLUMNS} FROM ${FROM} WHERE u.id = $1`, [id]);
    if (!a) throw new NotFoundError('账号', id);
    return a;
  }

  create(dto: CreateAccountDto): Promise<AccountView> {
    return this.db.transaction(async (m) => {
      const inspectorId = dto.role === 'inspector' ? (dto.inspectorId ?? null) : null;
      if (dto.role === 'office' && dto.inspectorId !== undefined) throw new InvalidInputError('政策法规处账号不关联检查人员，请去掉 inspectorId');
      if (inspectorId !== null) await this.requireInspector(m, inspectorId);
      const taken = await m.query('SELECT 1 FROM user_account WHERE username = $1', [dto.username]);
      if (taken.length) throw new ConflictError(`用户名“${dto.username}”已被使用`);
      const [{ id }] = await m.query<{ id: number }[]>(
        `INSERT INTO user_account (username, display_name, role, password_hash, inspector_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [dto.username, dto.displayName, dto.role, hashPassword(dto.password), inspectorId],
      );
      return this.get(id, m);
    });
  }

  update(id: number, dto: UpdateAccountDto, actorId: number): Promise<AccountView> {
    return this.db.transaction(async (m) => {
      const a = await this.get(id, m);
      if (dto.active === false && a.role === 'office') await this.keepOneOffice(m, id, actorId);
      await m.query(
        `UPDATE user_account SET display_name = coalesce($2, display_name), active = coalesce($3, active), updated_at = now(),
                session_version = session_version + CASE WHEN $3 IS FALSE THEN 1 ELSE 0 END
         WHERE id = $1`,
        [id, dto.displayName ?? null, dto.active ?? null],
      );
      return this.get(id, m);
    });
  }

  /** The office sets a new password (a forgotten one); the account's sessions end. */
  async resetPassword(id: number, password: string): Promise<void> {
    await this.get(id);
    await this.setPassword(id, password);
  }

  /** Anyone signed in changes their own password, knowing the current one. */
  async changeOwnPassword(id: number, current: string, next: string): Promise<void> {
    const [row] = await this.db.query<{ hash: string }[]>('SELECT password_hash AS hash FROM user_account WHERE id = $1 AND active', [id]);
    if (!row || !verifyPassword(current, row.hash)) throw new DomainError('VALIDATION_FAILED', '当前密码不正确');
    if (current === next) throw new InvalidInputError('新密码不能与当前密码相同');
    await this.setPassword(id, next);
  }

  private async setPassword(id: number, password: string): Promise<void> {
    await this.db.query(`UPDATE user_account SET password_hash = $2, session_version = session_version + 1, updated_at = now() WHERE id = $1`, [
      id,
      hashPassword(password),
    ]);
  }

  private async requireInspector(m: EntityManager, inspectorId: number): Promise<void> {
    const [i] = await m.query<{ active: boolean }[]>('SELECT active FROM inspector WHERE id = $1', [inspectorId]);
    if (!i) throw new InvalidInputError(`检查人员不存在：${inspectorId}`);
    if (!i.active) throw new InvalidInputError('该检查人员已停用，不能为其开设账号');
    const used = await m.query<{ username: string }[]>('SELECT username FROM user_account WHERE inspector_id = $1', [inspectorId]);
    if (used.length) throw new ConflictError(`该检查人员已有账号“${used[0].username}”`);
  }

  /** Nobody could manage accounts again once the last active office account is gone. */
  private async keepOneOffice(m: EntityManager, id: number, actorId: number): Promise<void> {
    if (id === actorId) throw new ConflictError('不能停用自己正在使用的账号');
    // Lock the active office rows (in id order, so two of these never deadlock) before counting: two office users
    // deactivating each other at once would otherwise both count the other as still active and both succeed.
    const active = await m.query<{ id: number }[]>(`SELECT id FROM user_account WHERE role = 'office' AND active ORDER BY id FOR UPDATE`);
    if (!active.some((r) => r.id !== id)) throw new ConflictError('至少要保留一个启用的政策法规处账号');
  }
}
