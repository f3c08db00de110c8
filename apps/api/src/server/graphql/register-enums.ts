import { registerEnumType } from '@nestjs/graphql';
import { DatasetCategory, MembershipRole, SoundtrackJobStage, SoundtrackJobStatus } from '@loris/db';

// The database enums are the GraphQL enums: one list of values, no mapping to drift.
registerEnumType(MembershipRole, { name: 'Role', description: 'What a member or an API key may do' });
registerEnumType(DatasetCategory, {
  name: 'DatasetCategory',
  description: 'The kind of footage in a dataset',
});

registerEnumType(SoundtrackJobStatus, { name: 'SoundtrackJobStatus', description: 'Where a job stands' });
registerEnumType(SoundtrackJobStage, {
  name: 'SoundtrackJobStage',
  description: 'What the worker is doing for a job, or the last thing it did before the job ended',
});

export { DatasetCategory, MembershipRole, SoundtrackJobStage, SoundtrackJobStatus };
