// What a download is called: the input's name (without its extension), the genre and the seed, so a folder
// of them says which is which: `salsa-dance-clip_hiphop_seed42.wav`. Only [a-z0-9-] in each part, so the
// name is safe in a Content-Disposition header and on every file system; `soundtrack` stands in for an
// input that has no name (or none left once cleaned).
export function downloadName(
  job: { inputName: string | null | undefined; genre: string; seed: number },
  extension: string,
): string {
  const input = slug((job.inputName ?? '').replace(/\.[^.]*$/, ''))
    .slice(0, 80)
    .replace(/-+$/, '');
  const genre = slug(job.genre) || 'genre';
  return `${input || 'soundtrack'}_${genre}_seed${Math.trunc(job.seed)}.${extension}`;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
