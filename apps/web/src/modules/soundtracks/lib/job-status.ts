import type { SoundtrackJobStatus } from '@/graphql/generated';

// Typed on the generated enum, so a status added to the API fails the type check until it has words.
export const statusLabels: Record<SoundtrackJobStatus, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

// A finished job never changes again: no more live updates to wait for, nothing to cancel.
export function isFinished(status: SoundtrackJobStatus): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';
}

export function isSoundtrackJobStatus(value: string | undefined): value is SoundtrackJobStatus {
  return value !== undefined && Object.hasOwn(statusLabels, value);
}

// Requesting and cancelling jobs is for the roles the API lets do it; viewers only watch.
export function mayGenerate(role: string | undefined): boolean {
  return role === 'OWNER' || role === 'ENGINEER' || role === 'CURATOR';
}
