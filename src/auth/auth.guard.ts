import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { Request } from 'express';
import { DomainError } from '../common/domain-error';
import { AUTH_SECRET } from './auth.constants';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { type SessionClaims, verifyToken } from './token';
import type { Role } from './user-account.entity';

export type AuthedRequest = Request & { session?: SessionClaims };

/** Global guard: routes need a signed-in user unless marked @Public(); @Roles() narrows further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_SECRET) private readonly secret: string,
    private readonly db: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : undefined;
    const claims = token ? verifyToken(token, this.secret) : null;
    if (claims) req.session = claims;

    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!claims) throw new DomainError('UNAUTHENTICATED', '请先登录（缺少或无效的登录凭证）');
    // A deactivated account, or one whose password changed, loses access at once, not when its token expires.
    const [account] = await this.db.query<{ active: boolean; ver: number }[]>(
      'SELECT active, session_version AS ver FROM user_account WHERE id = $1',
      [claims.sub],
    );
    if (!account?.active) throw new DomainError('UNAUTHENTICATED', '账号已停用，请联系政策法规处');
    if (account.ver !== claims.ver) throw new DomainError('UNAUTHENTICATED', '密码已更改，请重新登录');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(claims.role)) {
      throw new DomainError('FORBIDDEN', '当前账号无权执行此操作');
    }
    return true;
  }
}
