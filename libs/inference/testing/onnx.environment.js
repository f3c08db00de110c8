// Jest environment for specs that run onnxruntime-node. The native binding builds its output typed arrays
// in Node's own realm, while jest runs each spec in a separate vm context with its own Float32Array, so
// onnxruntime-common's `instanceof Float32Array` check fails ("A float32 tensor's data must be type of
// function Float32Array()"). Sharing the outer realm's typed-array constructors with the spec fixes that.
// Use with a docblock at the top of the spec: @jest-environment ./libs/inference/testing/onnx.environment.js
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer',
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Uint8Array',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'BigInt64Array',
  'BigUint64Array',
];

class OnnxEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxEnvironment;
