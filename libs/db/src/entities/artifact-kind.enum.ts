/**
 * What a blob holds; uploads are sniffed into the first three, the worker writes WAV and MP4 results, and
 * the ingest job writes the SEGMENT_* and feature kinds of each dataset segment.
 */
export enum ArtifactKind {
  POSES = 'POSES',
  WAV = 'WAV',
  VIDEO = 'VIDEO',
  MP4 = 'MP4',
  /** A segment's audio: 22050 Hz mono WAV. */
  SEGMENT_WAV = 'SEGMENT_WAV',
  /** A segment's COCO-17 pose track, {fps, keypoints} JSON. */
  SEGMENT_POSES = 'SEGMENT_POSES',
  /** pose-kinematics-v1 features (libs/rhythm), float32 .npy [frames, 68]. */
  POSE_FEATURES = 'POSE_FEATURES',
  /** Visual rhythm (paper variant), JSON. */
  VISUAL_RHYTHM = 'VISUAL_RHYTHM',
  /** Audio onset times and beats per second, JSON. */
  AUDIO_ONSETS = 'AUDIO_ONSETS',
  /** Precomputed I3D features, when imported, float32 .npy [frames, 1024]. */
  I3D_FEATURES = 'I3D_FEATURES',
  /** A JPEG frame of the segment. */
  THUMBNAIL = 'THUMBNAIL',
}
