// The "New evaluation" form's fields as the API's StartEvaluationInput: version ids ticked, a frozen version,
// a split, and the sampler settings, each left out when blank (the first version's card decides). Shape only;
// every rule that needs data (frozen, genres, quota) is the API's, and its words are shown.
export interface EvaluationFormValues {
  modelVersionIds: string[];
  datasetVersionId: string;
  split: string;
  sampler: string;
  steps: string;
  guidance: string;
  seeds: string;
}

export interface StartEvaluationFields {
  modelVersionIds: string[];
  datasetVersionId: string;
  split?: 'TEST' | 'VALID' | 'TRAIN';
  sampler?: string;
  steps?: number;
  guidance?: number;
  seeds?: number[];
}

const SPLITS = ['TEST', 'VALID', 'TRAIN'] as const;

export function parseEvaluationForm(values: EvaluationFormValues): StartEvaluationFields | { error: string } {
  if (values.modelVersionIds.length === 0) return { error: 'Tick at least one model version to evaluate.' };
  if (!values.datasetVersionId) return { error: 'Choose a frozen dataset version.' };
  const fields: StartEvaluationFields = {
    modelVersionIds: values.modelVersionIds,
    datasetVersionId: values.datasetVersionId,
  };
  if (values.split) {
    if (!SPLITS.includes(values.split as (typeof SPLITS)[number]))
      return { error: 'Choose TEST, VALID or TRAIN.' };
    fields.split = values.split as StartEvaluationFields['split'];
  }
  if (values.sampler.trim()) fields.sampler = values.sampler.trim();
  if (values.steps.trim()) {
    const steps = Number(values.steps);
    if (!Number.isInteger(steps)) return { error: 'Steps must be a whole number.' };
    fields.steps = steps;
  }
  if (values.guidance.trim()) {
    const guidance = Number(values.guidance);
    if (!Number.isFinite(guidance)) return { error: 'Guidance must be a number.' };
    fields.guidance = guidance;
  }
  if (values.seeds.trim()) {
    const seeds = values.seeds.split(',').map((s) => Number(s.trim()));
    if (seeds.some((seed) => !Number.isInteger(seed)))
      return { error: 'Seeds are whole numbers, comma-separated.' };
    fields.seeds = seeds;
  }
  return fields;
}

/** The evaluations a compare page shows, from its ?ids= (comma-separated or repeated), each once. */
export function compareIds(raw: string | string[] | undefined): string[] {
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((value) => value.split(','));
  return [...new Set(list.map((id) => id.trim()).filter(Boolean))];
}

/** Scores x100 as the paper prints them, one decimal; a dash where a value is undefined. */
export function score(value: number | null | undefined, x100 = false): string {
  if (value === null || value === undefined) return '–';
  return (x100 ? value * 100 : value).toFixed(1);
}
