import { registerEnumType } from '@nestjs/graphql';
import { DatasetSplit, DatasetSplitBy, SegmentRejectReason, SegmentReviewStatus, VideoStatus } from '@loris/db';
import { ReviewDecision } from '@loris/domain';

// The database enums are the GraphQL enums: one list of values, no mapping to drift.
registerEnumType(VideoStatus, { name: 'VideoStatus', description: 'Where a video’s ingest stands' });
registerEnumType(SegmentReviewStatus, { name: 'SegmentReviewStatus', description: 'A curator’s decision on a segment' });
registerEnumType(SegmentRejectReason, {
  name: 'SegmentRejectReason',
  description: 'Why a segment was rejected (the paper’s manual filter), OTHER with a note',
});
registerEnumType(DatasetSplit, { name: 'DatasetSplit' });
registerEnumType(DatasetSplitBy, {
  name: 'DatasetSplitBy',
  description:
    'VIDEO keeps every segment of a source video in one split; SEGMENT is the paper’s random split; SOURCE keeps the split each imported segment came with (the authors’ train/test lists)',
});
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

export { DatasetSplit, DatasetSplitBy, ReviewDecision, SegmentRejectReason, SegmentReviewStatus, VideoStatus };
