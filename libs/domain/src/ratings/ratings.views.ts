import {
  DatasetCategory,
  RatingCampaignEntity,
  RatingCampaignStatus,
  RatingScreeningRules,
  RatingSystemEntity,
  RatingSystemKind,
} from '@loris/db';

export interface RatingSystemView {
  id: string;
  label: string;
  kind: RatingSystemKind;
  modelVersionId: string | null;
  sampler: string | null;
  steps: number | null;
  guidance: number | null;
  seed: number | null;
}

/** A segment as a campaign takes it for an item: what an engineer knows it by, to match a baseline clip. */
export interface ItemSegmentView {
  id: string;
  /** Its video's name (the uploaded file's, or an imported item's); null when it was given none. */
  videoName: string | null;
  /** Where it starts in its video. */
  startSeconds: number;
  lengthSeconds: number;
  genre: string | null;
  category: DatasetCategory;
  /** Whether it can be shown with its video (AUDIO_VIDEO): an imported segment has none. */
  hasVideo: boolean;
}

/** A gold or training clip as the owner gave it: the upload, its expected score, whether it is made. */
export interface RatingScoredClipView {
  kind: 'GOLD' | 'ANCHOR';
  /** Its place in the owner's list (0-based). */
  ordinal: number;
  expectedScore: number;
  uploadId: string;
  /** The upload's own file name (the owner's; raters never see it). */
  fileName: string | null;
  /** Whether its stimulus exists yet (after preparation). */
  prepared: boolean;
}

export interface RatingCampaignView {
  id: string;
  name: string;
  question: string;
  labels: string[];
  presentation: string;
  votesPerClip: number;
  clipsPerSession: number;
  trapsPerSession: number;
  goldPerSession: number;
  sessionTimeoutSeconds: number;
  screening: RatingScreeningRules;
  status: RatingCampaignStatus;
  /** Preparation: stimuli made of all. */
  doneStimuli: number;
  totalStimuli: number;
  error: { code: string; message: string } | null;
  systems: RatingSystemView[];
  /** Gold clips, then training anchors, each in the owner's order. */
  scoredClips: RatingScoredClipView[];
  items: number;
  sessions: number;
  votes: number;
  createdAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
}

export function toCampaignView(
  c: RatingCampaignEntity,
  systems: RatingSystemEntity[],
  counts: { items: number; sessions: number; votes: number },
  scoredClips: RatingScoredClipView[],
): RatingCampaignView {
  return {
    id: c.id,
    name: c.name,
    question: c.question,
    labels: c.labels,
    presentation: c.presentation,
    votesPerClip: c.votesPerClip,
    clipsPerSession: c.clipsPerSession,
    trapsPerSession: c.trapsPerSession,
    goldPerSession: c.goldPerSession,
    sessionTimeoutSeconds: c.sessionTimeoutSeconds,
    screening: c.screening,
    status: c.status,
    doneStimuli: c.doneStimuli,
    totalStimuli: c.totalStimuli,
    error: c.errorCode ? { code: c.errorCode, message: c.errorMessage ?? '' } : null,
    systems: systems.map((s) => ({
      id: s.id,
      label: s.label,
      kind: s.kind,
      modelVersionId: s.modelVersionId,
      sampler: s.sampler,
      steps: s.steps,
      guidance: s.guidance,
      seed: s.seed,
    })),
    scoredClips,
    items: counts.items,
    sessions: counts.sessions,
    votes: counts.votes,
    createdAt: c.createdAt,
    openedAt: c.openedAt,
    closedAt: c.closedAt,
  };
}
