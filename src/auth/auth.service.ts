import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { AUTH_SECRET, SESSION_SECONDS } from './auth.constants';
import { verifyPassword } from './password';
import { signToken } from './token';
import { UserAccount } from './user-account.entity';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserAccount) private readonly users: Repository<UserAccount>,
    @Inject(AUTH_SECRET) private readonly secret: string,
  ) {}

  async login(username: string, password: string) {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .addSelect('u.sessionVersion')
      .where('u.username = :username AND u.active', { username })
      .getOne();
    if (!user || !verifyPassword(password, user.passwordHash)) {
      throw new DomainError('UNAUTHENTICATED', '用户名或密码错误');
    }
    const exp = Math.floor(Date.now() / 1000) + SESSION_SECONDS;
    const claims = { sub: user.id, username: user.username, role: user.role, inspectorId: user.inspectorId, ver: user.sessionVersion, exp };
    return {
      token: signToken(claims, this.secret),
      expiresAt: new Date(exp * 1000).toISOString(),
      user: { username: user.username, displayName: user.displayName, role: user.role },
    };
  }
}
