export {
  InvalidAudioInput,
  InvalidWav,
  type InvalidAudioInputCode,
  type InvalidWavCode,
} from './audio.errors';
export { readWav } from './wav/wav-reader';
export { writeWav, type WavWriteInput } from './wav/wav-writer';
export type { WavAudio, WavEncoding, WavSampleFormat } from './wav/wav.types';
export { downmixToMono } from './signal/downmix';
export { resample, type ResampleOptions } from './signal/resample';
export { hannWindow } from './spectral/hann-window';
export { PowerStft, type FftPrecision, type PowerSpectrogram, type StftOptions } from './spectral/stft';
export { hzToMel, melToHz, melFrequencies } from './spectral/mel-scale';
export {
  melFilterbank,
  melFilterbankToDense,
  type MelBand,
  type MelFilterbank,
  type MelFilterbankOptions,
} from './spectral/mel-filterbank';
export {
  MelSpectrogramAnalyzer,
  type MelSpectrogram,
  type MelSpectrogramOptions,
} from './spectral/mel-spectrogram';
export { powerToDb, type PowerToDbOptions } from './spectral/power-to-db';
export { onsetStrengthFromDb, type OnsetStrengthOptions } from './onset/onset-strength';
export { peakPick, type PeakPickOptions } from './onset/peak-pick';
export { detectOnsetFrames, framesToTimes, SCORING_PEAK_PICK } from './onset/onset-detect';
export {
  detectOnsets,
  OnsetDetector,
  type OnsetAnalysis,
  type OnsetDetectorOptions,
} from './onset/onset-detector';
