/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ModelChecksumError,
  ModelContractError,
  ModelNotFoundError,
  ModelSessionError,
} from '../inference.errors';
import { EditableJson as Json, parityModelDir, readParityIndex } from '../testing/parity-fixture.testing';
import { availableProviders, loadModel } from './load-model';
import { readContract } from './read-contract';

describe('loadModel', () => {
  const source = parityModelDir(readParityIndex());
  let dir: string;

  /** A copy of the parity model whose model.json went through `edit`. */
  function editedModel(edit: (json: Json) => void): string {
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Json;
    edit(json);
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    return dir;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'loris-model-'));
    cpSync(source, dir, { recursive: true });
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the parity model on the CPU with the declared contract', async () => {
    const model = await loadModel(dir);
    try {
      expect(model.executionProviders).toEqual(['cpu']);
      expect(model.contract.format).toBe('loris-model/1');
      expect(model.contract.genres).toContain('Ballet Jazz');
      expect(model.conditioner.inputNames).toEqual(expect.arrayContaining(['visual', 'rhythm', 'genre']));
    } finally {
      await model.release();
    }
  });

  it('falls back to the CPU when CUDA is asked for but not installed, and says why', async () => {
    // This machine's onnxruntime-node has no CUDA provider library (installed with ONNXRUNTIME_NODE_INSTALL=skip).
    expect(availableProviders(['cuda'])).toEqual(['cpu']);
    const model = await loadModel(dir, { executionProviders: ['cuda'] });
    try {
      expect(model.executionProviders).toEqual(['cpu']);
      expect(model.providerFallback).toMatch(/no CUDA provider library .*ONNXRUNTIME_NODE_INSTALL=skip/);
    } finally {
      await model.release();
    }
    const onCpu = await loadModel(dir, { executionProviders: ['cpu'] });
    expect(onCpu.providerFallback).toBeUndefined();
    await onCpu.release();
  });

  it('says when there is no model', async () => {
    await expect(loadModel(join(dir, 'nothing-here'))).rejects.toBeInstanceOf(ModelNotFoundError);
  });

  it.each([
    ['format', (j: Json) => (j.format = 'loris-model/2'), /^model\.json: format must be "loris-model\/1"/],
    [
      'rhythm.variant',
      (j: Json) => delete j.rhythm.variant,
      /rhythm\.variant must be a non-empty string, got missing/,
    ],
    [
      'rhythm.preMax',
      (j: Json) => (j.rhythm.preMax = 2.5),
      /rhythm\.preMax must be an integer >= 0, got 2\.5/,
    ],
    ['visual.dim', (j: Json) => (j.visual.dim = '68'), /visual\.dim must be an integer >= 1, got "68"/],
    ['genres', (j: Json) => j.genres.push('Break'), /genres\[10\] must be unique, got "Break"/],
    ['outputSampleRate', (j: Json) => (j.outputSampleRate = 16000), /outputSampleRate must be 22050/],
    [
      'sampler.name',
      (j: Json) => (j.sampler.name = 'ddim'),
      /sampler\.name must be one of adpm2, euler, heun, dpmpp-2m/,
    ],
    [
      'sampler.guidanceInterval',
      (j: Json) => (j.sampler.guidanceInterval = { sigmaMin: 1, sigmaMax: 0.5 }),
      /sampler\.guidanceInterval\.sigmaMax must be a number >= 1, got 0\.5/,
    ],
    [
      'files.denoiser.path',
      (j: Json) => (j.files.denoiser.path = '../denoiser.onnx'),
      /files\.denoiser\.path must be a path inside/,
    ],
    [
      'contexts',
      (j: Json) => (j.contexts = j.contexts.slice(0, 2)),
      /contexts must be a list of every context input of the denoiser \(genre_context is missing\)/,
    ],
    [
      'tensors',
      (j: Json) => delete j.tensors.conditioner.outputs.null_rhythm_context,
      /tensors\.conditioner\.outputs\.null_rhythm_context must be declared for contexts\[1\]/,
    ],
  ])('refuses a model.json with a bad %s, naming the field', async (_field, edit, message) => {
    const run = loadModel(editedModel(edit));
    await expect(run).rejects.toBeInstanceOf(ModelContractError);
    await expect(run).rejects.toThrow(message);
  });

  it('refuses an ONNX file whose sha256 differs from model.json', async () => {
    const run = loadModel(editedModel((j) => (j.files.conditioner.sha256 = '0'.repeat(64))));
    await expect(run).rejects.toBeInstanceOf(ModelChecksumError);
    await expect(run).rejects.toThrow(/conditioner\.onnx: sha256 is [0-9a-f]{64}, model\.json says 0{64}/);
  });

  it('refuses an ONNX file whose size differs from model.json', async () => {
    const run = loadModel(editedModel((j) => (j.files.denoiser.bytes += 1)));
    await expect(run).rejects.toBeInstanceOf(ModelChecksumError);
    await expect(run).rejects.toThrow(/denoiser\.onnx: has \d+ bytes, model\.json says \d+/);
  });

  it('verifies external weights too', async () => {
    // A graph over 2 GB keeps its weights in <name>.onnx.data, listed under externalData.
    writeFileSync(join(dir, 'denoiser.onnx.data'), 'weights');
    const sha256 = createHash('sha256').update('weights').digest('hex');
    const entry = { path: 'denoiser.onnx.data', sha256, bytes: 7 };
    const good = await loadModel(editedModel((j) => (j.files.denoiser.externalData = entry)));
    await good.release();
    const bad = loadModel(
      editedModel((j) => (j.files.denoiser.externalData = { ...entry, sha256: 'f'.repeat(64) })),
    );
    await expect(bad).rejects.toThrow(/denoiser\.onnx\.data: sha256 is [0-9a-f]{64}, model\.json says f{64}/);
  });

  it('refuses an ONNX file altered after export', async () => {
    const path = join(dir, 'denoiser.onnx');
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(path, bytes);
    await expect(loadModel(dir)).rejects.toBeInstanceOf(ModelChecksumError);
  });

  it('refuses sessions whose inputs or outputs differ from the declared ones', async () => {
    const run = loadModel(
      editedModel(
        (j) => (j.tensors.conditioner.outputs.tempo_context = { dtype: 'float32', shape: ['batch', 1] }),
      ),
    );
    await expect(run).rejects.toBeInstanceOf(ModelSessionError);
    await expect(run).rejects.toThrow(
      /conditioner\.onnx: the ONNX outputs are \[.*\], model\.json declares \[.*tempo_context\]/,
    );
  });

  it('refuses a declared dtype or fixed size the ONNX file does not have', async () => {
    const dtype = loadModel(editedModel((j) => (j.tensors.conditioner.inputs.genre.dtype = 'float32')));
    await expect(dtype).rejects.toThrow(
      /conditioner\.onnx: genre is int64 in the ONNX file, float32 in model\.json/,
    );
    const size = loadModel(
      editedModel((j) => (j.tensors.conditioner.inputs.visual.shape = ['batch', 'visualFrames', 67])),
    );
    await expect(size).rejects.toThrow(
      /conditioner\.onnx: visual has shape \[.*68\] in the ONNX file, \[batch, visualFrames, 67\]/,
    );
  });

  it('takes a card already parsed instead of reading model.json, and still verifies the files', async () => {
    const contract = await readContract(dir);
    rmSync(join(dir, 'model.json'));
    const model = await loadModel(dir, { contract });
    try {
      expect(model.contract).toBe(contract);
    } finally {
      await model.release();
    }
    const wrong = {
      ...contract,
      files: { ...contract.files, denoiser: { ...contract.files.denoiser, sha256: '0'.repeat(64) } },
    };
    await expect(loadModel(dir, { contract: wrong })).rejects.toBeInstanceOf(ModelChecksumError);
  });
});
