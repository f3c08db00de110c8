import { TenantContext } from '@loris/engine';

/** Where the edge middleware leaves the caller on the request. */
export interface RequestWithTenant {
  tenant?: TenantContext;
  ip?: string;
}
