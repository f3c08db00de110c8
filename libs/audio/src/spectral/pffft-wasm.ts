import { readFileSync } from 'fs';
import { dirname, join } from 'path';

// The slice of the WebAssembly JS API used here. The project compiles against lib ES2022 without DOM,
// which has no WebAssembly types, and a global declaration here would clash wherever DOM types are on.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmImportDescriptor {
  module: string;
  name: string;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: (new (bytes: Uint8Array) => object) & {
    imports(module: object): WasmImportDescriptor[];
  };
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type WasmFunction = (...args: number[]) => number;

/** The C functions of pffft.h this module calls. */
interface PffftExports {
  memory: WasmMemory;
  newSetup(n: number, transform: number): number;
  transformOrdered(setup: number, input: number, output: number, work: number, direction: number): void;
  alignedMalloc(bytes: number): number;
  simdSize(): number;
}

const PFFFT_REAL = 0;
const PFFFT_FORWARD = 0;
const WASM_PAGE = 65536;
const PACKAGE = '@echogarden/pffft-wasm';

function loaderError(path: string, what: string): Error {
  return new Error(`${PACKAGE} (${path}): ${what}; this module reads the layout of version 0.4.2`);
}

/**
 * Which minified wasm export is which C function, and what each wasm import stands for, as the
 * package's Emscripten glue file spells them (`Module["_pffft_new_setup"]=wasmExports["k"]`,
 * `wasmImports={a:___assert_fail,...}`).
 */
function readGlue(gluePath: string): { exportOf: Map<string, string>; importRole: Map<string, string> } {
  const glue = readFileSync(gluePath, 'utf8');
  const exportOf = new Map<string, string>();
  for (const [, name, key] of glue.matchAll(/Module\["(_\w+)"\]=wasmExports\["(\w+)"\]/g)) {
    exportOf.set(name, key);
  }
  for (const name of ['wasmMemory', '___wasm_call_ctors']) {
    const match = new RegExp(`${name}=wasmExports\\["(\\w+)"\\]`).exec(glue);
    if (match) exportOf.set(name, match[1]);
  }
  const importRole = new Map<string, string>();
  const imports = /wasmImports=\{([^}]*)\}/.exec(glue);
  for (const pair of imports ? imports[1].split(',') : []) {
    const [key, role] = pair.split(':');
    importRole.set(key, role);
  }
  return { exportOf, importRole };
}

/**
 * The package's own loader is an ES module whose Emscripten factory is async, while the onset API is
 * synchronous (the CLI, the worker and the tests call it inline). The module needs only three host
 * functions, so it is instantiated here synchronously from the package's .wasm, with those functions
 * written out and the export names read from the package's glue file. The SIMD build is used where
 * the engine validates it (every Node this project supports), the scalar build otherwise.
 */
function instantiate(): PffftExports {
  const simdGlue = require.resolve(`${PACKAGE}/simd`);
  let gluePath = simdGlue;
  let bytes = readFileSync(join(dirname(simdGlue), 'pffft.wasm'));
  if (!wasm.validate(bytes)) {
    gluePath = require.resolve(PACKAGE);
    bytes = readFileSync(join(dirname(gluePath), 'pffft.wasm'));
  }
  const { exportOf, importRole } = readGlue(gluePath);
  const module = new wasm.Module(bytes);
  // The host functions need the memory, which exists only once the instance they are part of does.
  const instance: { memory?: WasmMemory } = {};
  const memoryOf = (): WasmMemory => {
    if (!instance.memory) throw loaderError(gluePath, 'memory used before instantiation');
    return instance.memory;
  };
  const hostFunctions: Record<string, WasmFunction> = {
    ___assert_fail: (_condition, _file, line) => {
      throw loaderError(gluePath, `PFFFT assertion failed at line ${line}`);
    },
    __emscripten_memcpy_js: (dest, src, count) => {
      new Uint8Array(memoryOf().buffer).copyWithin(dest, src, src + count);
      return 0;
    },
    _emscripten_resize_heap: (requested) => {
      const target = requested >>> 0;
      const current = memoryOf().buffer.byteLength;
      try {
        if (target > current) memoryOf().grow(Math.ceil((target - current) / WASM_PAGE));
        return 1;
      } catch {
        return 0;
      }
    },
  };
  const imports: Record<string, Record<string, unknown>> = {};
  for (const { module: space, name } of wasm.Module.imports(module)) {
    const implementation = hostFunctions[importRole.get(name) ?? ''];
    if (!implementation) throw loaderError(gluePath, `unknown wasm import ${space}.${name}`);
    (imports[space] ??= {})[name] = implementation;
  }
  const exports = new wasm.Instance(module, imports).exports;
  const get = <T>(name: string): T => {
    const value = exports[exportOf.get(name) ?? ''];
    if (value === undefined) throw loaderError(gluePath, `no export for ${name}`);
    return value as T;
  };
  const memory = get<WasmMemory>('wasmMemory');
  instance.memory = memory;
  // Emscripten runs static constructors before main; nothing else would run them here.
  get<WasmFunction>('___wasm_call_ctors')();
  return {
    memory,
    newSetup: get<WasmFunction>('_pffft_new_setup'),
    transformOrdered: get<WasmFunction>('_pffft_transform_ordered'),
    alignedMalloc: get<WasmFunction>('_pffft_aligned_malloc'),
    simdSize: get<WasmFunction>('_pffft_simd_size'),
  };
}

let loaded: PffftExports | undefined;

function pffft(): PffftExports {
  loaded ??= instantiate();
  return loaded;
}

/** 4 when the SIMD build of PFFFT is loaded (4 floats per vector), 1 for the scalar build. */
export function pffftSimdWidth(): number {
  return pffft().simdSize();
}

/** PFFFT real transforms need N = 2^a 3^b 5^c with a >= 5 (so 32, 64, ... for powers of two). */
export function pffftSupportsRealSize(size: number): boolean {
  if (!Number.isInteger(size) || size < 32 || size % 32 !== 0) return false;
  let rest = size / 32;
  for (const factor of [2, 3, 5]) while (rest % factor === 0) rest /= factor;
  return rest === 1;
}

/**
 * A forward real FFT of one size in PFFFT's float32 WebAssembly, working in place in wasm memory: the
 * caller writes a frame into input(), calls forward(), and reads output(), so no sample is copied
 * between JavaScript and wasm. output() is the spectrum in PFFFT's ordered layout: [X0, X(N/2), re X1,
 * im X1, ..., re X(N/2-1), im X(N/2-1)] (X0 and X(N/2) are real), unscaled.
 */
export class PffftRealFft {
  readonly size: number;
  private readonly api: PffftExports;
  private readonly setup: number;
  private readonly inputPtr: number;
  private readonly outputPtr: number;
  private readonly workPtr: number;
  private inputView = new Float32Array(0);
  private outputView = new Float32Array(0);

  constructor(size: number) {
    if (!pffftSupportsRealSize(size)) {
      throw new RangeError(`PFFFT has no real transform of size ${size}`);
    }
    this.size = size;
    this.api = pffft();
    this.setup = this.api.newSetup(size, PFFFT_REAL);
    const bytes = size * Float32Array.BYTES_PER_ELEMENT;
    this.inputPtr = this.api.alignedMalloc(bytes);
    this.outputPtr = this.api.alignedMalloc(bytes);
    this.workPtr = this.api.alignedMalloc(bytes);
    if (!this.setup || !this.inputPtr || !this.outputPtr || !this.workPtr) {
      throw new RangeError(`PFFFT could not allocate a real transform of size ${size}`);
    }
  }

  /** The size floats the next forward() reads. Fetch it again after creating another transform. */
  input(): Float32Array {
    this.refreshViews();
    return this.inputView;
  }

  /** The spectrum of the last forward(), in the layout described on the class. */
  output(): Float32Array {
    this.refreshViews();
    return this.outputView;
  }

  forward(): void {
    this.api.transformOrdered(this.setup, this.inputPtr, this.outputPtr, this.workPtr, PFFFT_FORWARD);
  }

  /** Growing wasm memory (another transform's allocation) replaces its buffer and detaches old views. */
  private refreshViews(): void {
    const { buffer } = this.api.memory;
    if (this.inputView.buffer === buffer) return;
    this.inputView = new Float32Array(buffer, this.inputPtr, this.size);
    this.outputView = new Float32Array(buffer, this.outputPtr, this.size);
  }
}

const shared = new Map<number, PffftRealFft>();

/**
 * The transform of `size`, created once per process and shared: PFFFT setups and wasm memory are never
 * freed, so sharing keeps repeated analyser construction from growing memory. Sharing is safe because a
 * frame is written, transformed and read within one synchronous call.
 */
export function sharedPffftRealFft(size: number): PffftRealFft {
  let fft = shared.get(size);
  if (!fft) {
    fft = new PffftRealFft(size);
    shared.set(size, fft);
  }
  return fft;
}
