#!/usr/bin/env node
// Runs an ONNX file with onnxruntime-node on raw little-endian tensors, so the Python tests can check the
// exported graphs in the runtime that serves them. Usage: node ort_run.js spec.json
// spec: {"model": path, "outDir": dir, "inputs": {name: {"file", "dtype": "float32"|"int64", "shape": [..]}}}
// Writes <outDir>/<output>.bin and <outDir>/outputs.json ({name: {file, dtype, shape}}).
'use strict';
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

function readTensor(spec) {
  const bytes = fs.readFileSync(spec.file);
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  if (spec.dtype === 'float32') return new ort.Tensor('float32', new Float32Array(buf), spec.shape);
  if (spec.dtype === 'int64') return new ort.Tensor('int64', new BigInt64Array(buf), spec.shape);
  throw new Error(`unsupported dtype ${spec.dtype}`);
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const session = await ort.InferenceSession.create(spec.model, {
    executionProviders: ['cpu'],
    intraOpNumThreads: spec.threads || 1,
  });
  const feeds = {};
  for (const [name, input] of Object.entries(spec.inputs)) feeds[name] = readTensor(input);
  const started = process.hrtime.bigint();
  const results = await session.run(feeds);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  fs.mkdirSync(spec.outDir, { recursive: true });
  const index = {};
  for (const [name, tensor] of Object.entries(results)) {
    const file = path.join(spec.outDir, `${name}.bin`);
    fs.writeFileSync(file, Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    index[name] = { file, dtype: tensor.type, shape: tensor.dims };
  }
  fs.writeFileSync(path.join(spec.outDir, 'outputs.json'), JSON.stringify({ outputs: index, elapsedMs }));
}

main().catch((err) => {
  process.stderr.write(`ort_run: ${err.message}\n`);
  process.exit(1);
});
