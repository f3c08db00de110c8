import type { MediaErrorCode } from '../media.errors';
import type { MoveNetVariant, PoseEstimation } from './pose.types';

/** The messages between the pose pool and its threads (structured-cloned, so plain data only). */
export type PoseThreadRequest =
  | {
      kind: 'estimate';
      id: number;
      path: string;
      model: MoveNetVariant;
      fps: number;
      startSeconds: number;
      durationSeconds: number | undefined;
    }
  | { kind: 'cancel'; id: number };

/** A libs/media error as it crosses the thread boundary, rebuilt as the same class on the other side. */
export interface SentError {
  name: string;
  code?: MediaErrorCode;
  message: string;
  tool?: string;
}

export type PoseThreadReply =
  | { id: number; kind: 'progress'; done: number }
  | { id: number; kind: 'done'; result: PoseEstimation }
  | { id: number; kind: 'failed'; error: SentError };

/** Sent instead of a request: the thread closes its port and exits once its event loop is empty. */
export const STOP_THREAD = null;

/** A thread reports progress every this many frames (a message per frame would cost more than it tells). */
export const PROGRESS_EVERY = 5;
