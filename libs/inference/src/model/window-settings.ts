// How long a model can go (docs/model-contract.md, `windows`): a request longer than one window is
// generated as windows of the model's native length that continue each other (pipeline/windowed-render.ts).
// Cards exported before the field existed get it derived from what they already say, so a shipped model
// keeps working without a re-export.
import { MAX_REQUEST_SECONDS } from '../request/default-seconds';
import { fail, type JsonObject, readNumber, readObject } from './json-fields';

export interface WindowSettings {
  /** Samples at the model's rate of one window: the length the model was trained on. */
  samples: number;
  /** Samples each window shares with the one before it (held to it while sampling, then crossfaded). */
  overlapSamples: number;
  /** The longest request the model serves, in seconds. */
  maxSeconds: number;
  /** True when the card has no `windows` field and these values were derived. */
  derived: boolean;
}

/** The overlap a derived card gets: a quarter of the window, enough context for the continuation. */
export const DEFAULT_OVERLAP_FRACTION = 0.25;

interface CardLengths {
  segmentSamples: number;
  lengthMultiple: number;
  provenance: JsonObject;
}

/** The training crop (`provenance.config.train.crop_samples`) when it is a usable window, else undefined. */
function trainingCrop(card: CardLengths): number | undefined {
  const config = card.provenance.config as JsonObject | undefined;
  const train = config?.train as JsonObject | undefined;
  const crop = train?.crop_samples;
  const usable =
    typeof crop === 'number' &&
    Number.isInteger(crop) &&
    crop > 0 &&
    crop <= card.segmentSamples &&
    crop % card.lengthMultiple === 0;
  return usable ? crop : undefined;
}

/** `fraction` of `samples`, rounded down to a multiple of `multiple` (at least one multiple). */
export function overlapOf(samples: number, multiple: number, fraction = DEFAULT_OVERLAP_FRACTION): number {
  return Math.max(multiple, Math.floor((samples * fraction) / multiple) * multiple);
}

/**
 * Windows for a card without the field: the training crop when the trainer cut its segments (tiny trains
 * on 131072-sample crops, 5.9 s at 22050 Hz, of 23.8 s segments; beyond that length nothing taught the
 * model to hold music together), else the whole segment; a quarter of it as overlap; the platform's
 * longest request.
 */
export function deriveWindowSettings(card: CardLengths): WindowSettings {
  const samples = trainingCrop(card) ?? card.segmentSamples;
  return {
    samples,
    overlapSamples: overlapOf(samples, card.lengthMultiple),
    maxSeconds: MAX_REQUEST_SECONDS,
    derived: true,
  };
}

/** The card's `windows` field checked against its lengths, or derived when the card has none. */
export function readWindowSettings(value: unknown, card: CardLengths): WindowSettings {
  if (value === undefined) return deriveWindowSettings(card);
  const w = readObject(value, 'windows');
  const samples = readNumber(w.samples, 'windows.samples', { integer: true, min: card.lengthMultiple });
  if (samples % card.lengthMultiple !== 0)
    fail('windows.samples', `a multiple of lengthMultiple (${card.lengthMultiple})`, samples);
  const overlapSamples = readNumber(w.overlapSamples, 'windows.overlapSamples', {
    integer: true,
    min: 1,
    max: samples - card.lengthMultiple,
  });
  const maxSeconds = readNumber(w.maxSeconds, 'windows.maxSeconds', { above: 0, max: MAX_REQUEST_SECONDS });
  return { samples, overlapSamples, maxSeconds, derived: false };
}
