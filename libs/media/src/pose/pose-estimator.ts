import type { EstimatePosesOptions, PoseEstimation, PoseEstimatorOptions } from './pose.types';
import { PoseModelUnavailable } from '../media.errors';

/** A frame counts as "person found" when its mean keypoint confidence reaches this. */
export const PERSON_CONFIDENCE_THRESHOLD = 0.2;

/** A loaded MoveNet model; load once, estimate many videos, dispose at shutdown. */
export class PoseEstimator {
  private constructor(readonly options: PoseEstimatorOptions) {}

  static async load(options: PoseEstimatorOptions = {}): Promise<PoseEstimator> {
    return new PoseEstimator(options);
  }

  async estimate(path: string, opts: EstimatePosesOptions): Promise<PoseEstimation> {
    throw new PoseModelUnavailable(`estimate(${path}, ${opts.fps}) is being implemented`);
  }

  dispose(): void {}
}

/** Estimates a pose track for a video with a shared, lazily loaded estimator of the requested model. */
export async function estimatePoses(path: string, opts: EstimatePosesOptions): Promise<PoseEstimation> {
  const estimator = await PoseEstimator.load({ model: opts.model });
  return estimator.estimate(path, opts);
}
