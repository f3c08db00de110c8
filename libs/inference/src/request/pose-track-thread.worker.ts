// The thread of measurePoseTrackOffThread: measures one track and answers once.
import { parentPort, workerData } from 'node:worker_threads';
import { InvalidPoseTrack } from '@loris/rhythm';
import { InvalidRequestError } from '../inference.errors';
import { measurePoseTrack } from './measure-pose-track';
import type { PoseTrackAnswer, PoseTrackJob } from './pose-track-thread';

const { bytes, maxSeconds } = workerData as PoseTrackJob;
let answer: PoseTrackAnswer;
try {
  answer = { measure: measurePoseTrack(bytes, maxSeconds) };
} catch (error) {
  if (error instanceof InvalidPoseTrack)
    answer = { refused: 'track', code: error.code, message: error.message };
  else if (error instanceof InvalidRequestError) answer = { refused: 'json', message: error.message };
  else throw error;
}
parentPort!.postMessage(answer);
