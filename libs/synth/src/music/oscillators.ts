import type { Wave } from '../genres/genre-styles';

export const TABLE_SIZE = 2048;
/** Partials per table: 16 keeps the highest chord note (D5, 587 Hz) below Nyquist at 22050 Hz. */
const PARTIALS = 16;

/** Fourier amplitudes of the classic waveforms (sine partials only, so no aliasing from the shape itself). */
function partialAmplitude(wave: Wave, k: number): number {
  switch (wave) {
    case 'sine':
      return k === 1 ? 1 : 0;
    case 'saw':
      return 1 / k;
    case 'square':
      return k % 2 === 1 ? 1 / k : 0;
    case 'triangle':
      return k % 2 === 1 ? (((k - 1) / 2) % 2 === 0 ? 1 : -1) / (k * k) : 0;
  }
}

function buildTable(wave: Wave): Float64Array {
  const table = new Float64Array(TABLE_SIZE + 1);
  let peak = 0;
  for (let i = 0; i < TABLE_SIZE; i++) {
    const phase = (2 * Math.PI * i) / TABLE_SIZE;
    let v = 0;
    for (let k = 1; k <= PARTIALS; k++) v += partialAmplitude(wave, k) * Math.sin(k * phase);
    table[i] = v;
    peak = Math.max(peak, Math.abs(v));
  }
  for (let i = 0; i < TABLE_SIZE; i++) table[i] /= peak;
  table[TABLE_SIZE] = table[0]; // guard point for interpolation
  return table;
}

const TABLES = new Map<Wave, Float64Array>();

/** A band-limited single-cycle table of the wave (peak 1), built once per process. */
export function waveTable(wave: Wave): Float64Array {
  let table = TABLES.get(wave);
  if (!table) {
    table = buildTable(wave);
    TABLES.set(wave, table);
  }
  return table;
}

/** Table lookup with linear interpolation; phase in cycles, [0, 1). Hot loops inline the same arithmetic. */
export function readTable(table: Float64Array, phase: number): number {
  const pos = phase * TABLE_SIZE;
  const i = Math.floor(pos);
  return table[i] + (table[i + 1] - table[i]) * (pos - i);
}

/** Coefficient of the one-pole low-pass y += a (x - y) with its -3 dB point at cutoffHz. */
export function onePoleCoefficient(cutoffHz: number, sampleRate: number): number {
  return 1 - Math.exp((-2 * Math.PI * cutoffHz) / sampleRate);
}
