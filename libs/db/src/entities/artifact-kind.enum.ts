/** What a blob holds; uploads are sniffed into the first three, the worker writes WAV and MP4 results. */
export enum ArtifactKind {
  POSES = 'POSES',
  WAV = 'WAV',
  VIDEO = 'VIDEO',
  MP4 = 'MP4',
}
