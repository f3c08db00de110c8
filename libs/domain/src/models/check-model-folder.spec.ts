/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// The registry's contract checks on real files: a copy of the parity fixture model (small real ONNX graphs)
// passes, and each way of breaking a copy is refused with a message naming the file and the problem.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkModelFolder } from './check-model-folder';
import { InvalidModelVersionError } from './models.exception';

const PARITY_MODEL = join(__dirname, '..', '..', '..', 'inference', 'fixtures', 'parity', 'model');

type Card = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('checkModelFolder', () => {
  let dir: string;

  const card = (): Card => JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Card;
  const writeCard = (value: Card) => writeFileSync(join(dir, 'model.json'), JSON.stringify(value, null, 2));
  const refusal = async () => {
    const error = await checkModelFolder(dir).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InvalidModelVersionError);
    return (error as Error).message;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'loris-model-check-'));
    cpSync(PARITY_MODEL, dir, { recursive: true });
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the model as exported: model.json first, then each file by sha256 and size', async () => {
    const checked = await checkModelFolder(dir);
    const bytes = readFileSync(join(dir, 'model.json'));
    expect(checked.label).toBe('loris-parity@0.2.0');
    expect(checked.cardSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(checked.files.map((file) => file.name)).toEqual(['model.json', 'conditioner.onnx', 'denoiser.onnx']);
    expect(checked.files[2]).toEqual({
      name: 'denoiser.onnx',
      sha256: card().files.denoiser.sha256,
      bytes: readFileSync(join(dir, 'denoiser.onnx')).length,
    });
    expect(checked.card.genres).toHaveLength(10);
  }, 60_000);

  it('refuses an output name the ONNX graph does not have', async () => {
    // Renamed consistently in the card, so it parses: only the graph can say it is wrong.
    writeCard(JSON.parse(JSON.stringify(card()).replace(/genre_context/g, 'style_context')) as Card);
    expect(await refusal()).toMatch(
      /conditioner\.onnx: the ONNX outputs are \[.*genre_context.*\], model\.json declares \[.*style_context.*\]/,
    );
  }, 60_000);

  it('refuses an output whose shape disagrees with the declared axes when the graph runs', async () => {
    const value = card();
    value.tensors.conditioner.outputs.visual_context.shape = ['batch', 'rhythmTokens', 32];
    writeCard(value);
    expect(await refusal()).toMatch(
      /conditioner\.onnx: visual_context came out as \[10, 6, 32\] on a tiny batch, model\.json declares \[batch, rhythmTokens, 32\]/,
    );
  }, 60_000);

  it('refuses a sample rate other than the one the model was trained at', async () => {
    writeCard({ ...card(), sampleRate: 22050 });
    expect(await refusal()).toMatch(
      /sampleRate is 22050 Hz but the model was trained at 11025 Hz \(provenance\.config\.audio\.sample_rate\)/,
    );
    writeCard({ ...card(), sampleRate: 96000 });
    expect(await refusal()).toMatch(/sampleRate 96000 Hz is outside 8000 to 48000 Hz/);
  }, 60_000);

  it('refuses a genre vocabulary other than the trained one, and one longer than the genre embedding', async () => {
    const swapped = card();
    [swapped.genres[0], swapped.genres[1]] = [swapped.genres[1], swapped.genres[0]];
    writeCard(swapped);
    expect(await refusal()).toMatch(/the genre vocabulary \["Pop", "Break", .*\] is not the one the model was trained with/);
    // With no trained list to compare with, the graph itself refuses an 11th genre index.
    const longer = card();
    longer.genres = [...longer.genres, 'Tango'];
    delete longer.provenance.config;
    writeCard(longer);
    expect(await refusal()).toMatch(/conditioner\.onnx: onnxruntime refused a tiny batch/);
  }, 60_000);

  it('refuses a corrupt .onnx whose card was made to match it', async () => {
    const garbage = Buffer.from('this is not an ONNX protobuf, only text pretending to be one\n'.repeat(20));
    writeFileSync(join(dir, 'denoiser.onnx'), garbage);
    const value = card();
    value.files.denoiser.sha256 = createHash('sha256').update(garbage).digest('hex');
    value.files.denoiser.bytes = garbage.length;
    writeCard(value);
    expect(await refusal()).toMatch(/denoiser\.onnx: onnxruntime could not open it/);
  }, 60_000);

  it('refuses a file whose bytes do not match the sha256 in model.json, and a missing file', async () => {
    const graph = readFileSync(join(dir, 'conditioner.onnx'));
    graph[graph.length - 1] ^= 0xff;
    writeFileSync(join(dir, 'conditioner.onnx'), graph);
    expect(await refusal()).toMatch(/conditioner\.onnx: sha256 is [0-9a-f]{64}, model\.json says [0-9a-f]{64}/);
    rmSync(join(dir, 'conditioner.onnx'));
    expect(await refusal()).toBe('The model version was refused: conditioner.onnx is missing');
    rmSync(join(dir, 'model.json'));
    expect(await refusal()).toBe('The model version was refused: model.json is missing');
  }, 60_000);

  it('refuses a card that does not parse, naming the field', async () => {
    writeCard({ ...card(), genres: [] });
    expect(await refusal()).toMatch(/model\.json: genres/);
  }, 60_000);
});
