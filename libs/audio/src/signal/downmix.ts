import { InvalidAudioInput } from '../audio.errors';

/** Averages the channels into one (the mono mix librosa.to_mono makes). A mono input is returned as is. */
export function downmixToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) throw new InvalidAudioInput('AUDIO_EMPTY', 'cannot downmix: no channels');
  if (channels.length === 1) return channels[0];
  const length = channels[0].length;
  if (channels.some((channel) => channel.length !== length)) {
    throw new InvalidAudioInput('AUDIO_BAD_PARAMETER', 'cannot downmix: the channels have different lengths');
  }
  const mono = new Float32Array(length);
  const scale = 1 / channels.length;
  for (let i = 0; i < length; i++) {
    let sum = 0;
    for (const channel of channels) sum += channel[i];
    mono[i] = sum * scale;
  }
  return mono;
}
