import { SYNTH_GENRES, type SynthGenre } from '@loris/synth';

/**
 * The column order of the authors' genre one-hot files (OpenGVLab/LORIS data/genre/dance_s25_*.npy): read
 * from their release by matching each row's hot column with the AIST++ genre code in the same row of
 * dance_audio_s25_{train,test}_segment.txt (gJB → 0, gLO → 1, ... in all 1,881 rows). It is not the order
 * of our own vocabulary, so an import or export must translate, never copy indices.
 */
export const LORIS_GENRE_ORDER: readonly SynthGenre[] = [
  'Ballet Jazz',
  'Lock',
  'Waack',
  'Middle Hip-hop',
  'Break',
  'LA-style Hip-hop',
  'Street Jazz',
  'House',
  'Pop',
  'Krump',
];

/** The AIST++ file-name code of each genre (`gBR_sBM_c01_...`), for names that carry it. */
export const AIST_GENRE_CODES: Readonly<Record<string, SynthGenre>> = {
  gBR: 'Break',
  gPO: 'Pop',
  gLO: 'Lock',
  gMH: 'Middle Hip-hop',
  gLH: 'LA-style Hip-hop',
  gHO: 'House',
  gWA: 'Waack',
  gKR: 'Krump',
  gJS: 'Street Jazz',
  gJB: 'Ballet Jazz',
};

/** The genre of one one-hot row in the authors' order, or null when the row is not one-hot. */
export function genreOfOneHot(row: ArrayLike<number>): SynthGenre | null {
  if (row.length !== LORIS_GENRE_ORDER.length) return null;
  let hot = -1;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === 1 && hot === -1) hot = i;
    else if (row[i] !== 0) return null;
  }
  return hot === -1 ? null : LORIS_GENRE_ORDER[hot];
}

/** The authors' one-hot row for a genre, or null for a genre outside their ten. */
export function oneHotOfGenre(genre: string): number[] | null {
  const hot = LORIS_GENRE_ORDER.indexOf(genre as SynthGenre);
  if (hot === -1) return null;
  return LORIS_GENRE_ORDER.map((_, i) => (i === hot ? 1 : 0));
}

// Every genre of our vocabulary has exactly one column.
if (new Set(LORIS_GENRE_ORDER).size !== SYNTH_GENRES.length)
  throw new Error('LORIS_GENRE_ORDER is incomplete');
