import { SetMetadata } from '@nestjs/common';
import { MembershipRole } from '@loris/db';

export const ROLES_KEY = 'loris:roles';
export const PUBLIC_KEY = 'loris:public';

export const ANY_ROLE = Object.values(MembershipRole);

/** The roles allowed to call a resolver method (or every method of a class). */
export const Roles = (...roles: MembershipRole[]) => SetMetadata(ROLES_KEY, roles);

/** Open to callers without credentials (sign up, log in, accept an invitation, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
