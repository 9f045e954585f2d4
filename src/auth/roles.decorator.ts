import { SetMetadata } from '@nestjs/common';
import type { Role } from './user-account.entity';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** Anyone, signed in or not, may call the route. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the route; without it any signed-in user may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
