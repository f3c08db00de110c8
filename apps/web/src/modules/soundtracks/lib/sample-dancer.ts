// The pose track that "Try a sample dancer" uploads: made by tools/sample-dancer.ts before every build and
// served from apps/web/public/samples/ (its licence is in the README there). Its length is in the words.
export const sampleDancer = {
  url: '/samples/sample-dancer.json',
  fileName: 'sample-dancer.json',
  seconds: 6,
} as const;
