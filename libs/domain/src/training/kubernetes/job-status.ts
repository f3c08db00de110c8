import type { V1ContainerStatus, V1Job, V1Pod } from '@kubernetes/client-node';

/**
 * Where a training Job stands, read from the Job and its pods. Waiting and running carry what an engineer
 * should see while nothing is wrong yet (a pod that no node can take, an image being pulled); failed says
 * why in words (out of memory, an image that cannot be pulled, the trainer's exit code and last lines).
 */
export type JobObservation =
  | { state: 'waiting' | 'running'; messages: string[] }
  | { state: 'succeeded' }
  /** `by`: a pod's own failure (its container's exit and last lines), or only the Job's condition. */
  | { state: 'failed'; message: string; by: 'pod' | 'job' };

/** Waiting reasons that will not resolve by themselves: the run fails instead of waiting forever. */
const STUCK_WAITING = new Set([
  'ImagePullBackOff',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/** How many characters of a failed container's last log lines go into the run's failure message. */
const LAST_LINES_CHARS = 1500;

export function observeJob(job: V1Job | undefined, pods: V1Pod[]): JobObservation {
  const conditions = job?.status?.conditions ?? [];
  const holds = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
  if (holds('Complete') || holds('SuccessCriteriaMet')) return { state: 'succeeded' };

  const podFailure = pods.map(podFailureMessage).find((m): m is string => m !== undefined);
  if (podFailure) return { state: 'failed', message: podFailure, by: 'pod' };
  const jobFailed = conditions.find(
    (c) => (c.type === 'Failed' || c.type === 'FailureTarget') && c.status === 'True',
  );
  if (jobFailed) {
    return {
      state: 'failed',
      by: 'job',
      message: `training Job ${job?.metadata?.name} failed: ${jobFailed.reason ?? 'Failed'}${jobFailed.message ? `: ${jobFailed.message}` : ''}`,
    };
  }

  const messages = pods.flatMap(podWaitingMessages);
  const running = pods.some((p) => p.status?.phase === 'Running');
  return { state: running ? 'running' : 'waiting', messages };
}

/** Why a pod failed (a container ended non-zero, a stuck wait, an eviction), or undefined while it is fine. */
export function podFailureMessage(pod: V1Pod): string | undefined {
  const name = pod.metadata?.name ?? 'a training pod';
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const status of statuses) {
    const ended = status.state?.terminated;
    if (ended && ended.exitCode !== 0) return terminatedMessage(name, status);
    const waiting = status.state?.waiting;
    if (waiting?.reason && STUCK_WAITING.has(waiting.reason)) {
      const hint = /Image/.test(waiting.reason)
        ? `; check the image ${status.image} (TRAINER_IMAGE / TRAINER_CUDA_IMAGE) exists and the nodes may pull it`
        : '';
      return `pod ${name}: container ${status.name} cannot start: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}${hint}`;
    }
  }
  if (pod.status?.phase === 'Failed') {
    return `pod ${name} failed: ${pod.status.reason ?? 'Failed'}${pod.status.message ? `: ${pod.status.message}` : ''}`;
  }
  return undefined;
}

function terminatedMessage(pod: string, status: V1ContainerStatus): string {
  const ended = status.state!.terminated!;
  if (ended.reason === 'OOMKilled') {
    return `pod ${pod}: container ${status.name} ran out of memory (OOMKilled, its memory limit); raise the Job template's memory limit or lower train.batch_size`;
  }
  const tail = (ended.message ?? '').trim();
  const lines = tail.length > LAST_LINES_CHARS ? `…${tail.slice(-LAST_LINES_CHARS)}` : tail;
  return `pod ${pod}: container ${status.name} exited with code ${ended.exitCode}${ended.reason ? ` (${ended.reason})` : ''}${lines ? `; last lines:\n${lines}` : ''}`;
}

/** What a pod is waiting for: a node (unschedulable), an image, its init containers. */
function podWaitingMessages(pod: V1Pod): string[] {
  const name = pod.metadata?.name ?? 'a training pod';
  const messages: string[] = [];
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    messages.push(`pod ${name} is waiting for a node: ${scheduled.message ?? 'no node fits its requests'}`);
  }
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const status of statuses) {
    const waiting = status.state?.waiting;
    if (waiting?.reason && !['PodInitializing', 'ContainerCreating'].includes(waiting.reason)) {
      messages.push(
        `pod ${name}: container ${status.name} is waiting: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`,
      );
    }
  }
  return messages;
}
