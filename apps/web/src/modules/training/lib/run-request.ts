// The "New run" form's fields as startTrainingRun's input: the checks a person can fix before sending
// (steps a whole number, overrides one `key=value` a line); the API checks the rest in its own words.
export interface RunRequest {
  datasetVersionId: string;
  config: 'TINY' | 'PAPER';
  backend: 'LOCAL' | 'KUBERNETES';
  steps: number;
  modelName?: string;
  overrides: { key: string; value: string }[];
}

export function parseRunRequest(fields: {
  datasetVersionId: string;
  config: string;
  backend: string;
  steps: string;
  modelName: string;
  overrides: string;
}): RunRequest | { error: string } {
  const datasetVersionId = fields.datasetVersionId.trim();
  if (!datasetVersionId) return { error: 'Give the id of a frozen dataset version.' };
  if (fields.config !== 'TINY' && fields.config !== 'PAPER')
    return { error: 'Choose the tiny or the paper config.' };
  if (fields.backend !== 'LOCAL' && fields.backend !== 'KUBERNETES')
    return { error: 'Choose where it runs.' };
  const steps = Number(fields.steps.trim());
  if (!/^\d+$/.test(fields.steps.trim()) || steps < 1)
    return { error: 'Steps must be a whole number of at least 1.' };
  const overrides: { key: string; value: string }[] = [];
  const lines = fields.overrides.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    if (at <= 0) return { error: `Override line ${index + 1} must look like train.batch_size=2.` };
    overrides.push({ key: line.slice(0, at).trim(), value: line.slice(at + 1).trim() });
  }
  const modelName = fields.modelName.trim();
  return {
    datasetVersionId,
    config: fields.config,
    backend: fields.backend,
    steps,
    overrides,
    ...(modelName ? { modelName } : {}),
  };
}
