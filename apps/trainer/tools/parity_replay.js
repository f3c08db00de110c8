#!/usr/bin/env node
// Replays a parity fixture (loris_trainer/parity.py) in Node: onnxruntime-node runs the exported graphs,
// and the ancestral DPM-2 steps with guidance are done here in float64, as a TypeScript port would.
// Prints {"maxAbsDiff", "samples", "steps"} comparing the replay with the PyTorch output.
// Usage: node parity_replay.js FIXTURE_DIR [--out replay.bin]
'use strict';
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

const root = process.argv[2];
const index = JSON.parse(fs.readFileSync(path.join(root, 'index.json'), 'utf8'));

function load(name) {
  const item = index.tensors[name];
  const bytes = fs.readFileSync(path.join(root, item.file));
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const data = item.dtype === 'int64' ? new BigInt64Array(buf) : new Float32Array(buf);
  return new ort.Tensor(item.dtype, data, item.shape);
}

function concat(a, b) {
  const out = new a.data.constructor(a.data.length + b.data.length);
  out.set(a.data, 0);
  out.set(b.data, a.data.length);
  return new ort.Tensor(a.type, out, [a.dims[0] + b.dims[0], ...a.dims.slice(1)]);
}

async function main() {
  const modelDir = path.join(root, index.model);
  const card = JSON.parse(fs.readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
  const opts = { executionProviders: ['cpu'], intraOpNumThreads: 1 };
  const conditioner = await ort.InferenceSession.create(path.join(modelDir, 'conditioner.onnx'), opts);
  const denoiser = await ort.InferenceSession.create(path.join(modelDir, 'denoiser.onnx'), opts);
  const ctx = await conditioner.run({ visual: load('visual'), rhythm: load('rhythm'), genre: load('genre') });
  const feeds = {};
  for (const name of card.contexts) feeds[name] = concat(ctx[name], ctx[`null_${name}`]);
  const w = index.sampler.guidanceScale;
  const shape = index.tensors.initial_noise.shape;
  const n = shape.reduce((a, b) => a * b, 1);

  async function denoise(x, sigma) {
    const xs = new Float32Array(2 * n);
    xs.set(Float32Array.from(x), 0);
    xs.set(Float32Array.from(x), n);
    const sig = new Float32Array(2 * shape[0]).fill(sigma);
    const out = await denoiser.run({
      ...feeds,
      x: new ort.Tensor('float32', xs, [2 * shape[0], ...shape.slice(1)]),
      sigma: new ort.Tensor('float32', sig, [2 * shape[0]]),
    });
    const d = out.denoised.data;
    const guided = new Float64Array(n);
    for (let i = 0; i < n; i++) guided[i] = d[n + i] + w * (d[i] - d[n + i]);
    return guided;
  }

  const sigmas = index.sigmas;
  let x = Float64Array.from(load('initial_noise').data, (v) => v * sigmas[0]);
  for (let i = 0; i < sigmas.length - 1; i++) {
    const sigma = sigmas[i];
    const next = sigmas[i + 1];
    const denoised = await denoise(x, sigma);
    const up = Math.min(next, Math.sqrt((next ** 2 * (sigma ** 2 - next ** 2)) / sigma ** 2));
    const down = Math.sqrt(next ** 2 - up ** 2);
    const d = x.map((v, k) => (v - denoised[k]) / sigma);
    if (down === 0) {
      x = x.map((v, k) => v + d[k] * (down - sigma));
    } else {
      const mid = Math.exp(0.5 * (Math.log(sigma) + Math.log(down)));
      const x2 = x.map((v, k) => v + d[k] * (mid - sigma));
      const denoised2 = await denoise(x2, mid);
      x = x.map((v, k) => v + ((x2[k] - denoised2[k]) / mid) * (down - sigma));
    }
    const noise = load(index.stepNoise[i]).data;
    x = x.map((v, k) => v + noise[k] * up);
  }
  const expected = load('output').data;
  let maxAbsDiff = 0;
  for (let k = 0; k < n; k++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(x[k] - expected[k]));
  const outAt = process.argv.indexOf('--out');
  if (outAt > 0) fs.writeFileSync(process.argv[outAt + 1], Buffer.from(Float32Array.from(x).buffer));
  process.stdout.write(JSON.stringify({ maxAbsDiff, samples: shape[2], steps: sigmas.length - 1 }) + '\n');
}

main().catch((err) => {
  process.stderr.write(`parity_replay: ${err.message}\n`);
  process.exit(1);
});
