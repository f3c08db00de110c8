import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QueueName } from './queue-name.enum';

/** Every job payload names its tenant: the worker runs the job inside that tenant's unit of work. */
export interface TenantJobData {
  tenantId: string;
}

/** One class per job. `manager` is the tenant-scoped transaction (row-level security applies). */
export interface TenantJobHandler<D extends TenantJobData> {
  handle(data: D, manager: EntityManager): Promise<void>;
}

export interface TenantJobOptions {
  queue: QueueName;
  /** The job's name inside its queue; unique per queue. */
  name: string;
  attempts?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TenantJobClass<D extends TenantJobData> = new (...args: any[]) => TenantJobHandler<D>;

const TENANT_JOB = Symbol('loris:tenant-job');

/** Marks a provider as the handler of one job, and makes it injectable. */
export function TenantJob(options: TenantJobOptions): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(TENANT_JOB, options, target);
    Injectable()(target);
  };
}

export function tenantJobOptions(target: object): TenantJobOptions | undefined {
  return Reflect.getMetadata(TENANT_JOB, target);
}
