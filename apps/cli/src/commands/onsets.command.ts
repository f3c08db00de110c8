import type { Command } from 'commander';
import { analyzeClip, type ClipOnsets } from '../analysis/clip-onsets';
import { formatKeyValues, formatTable } from '../output/table.output';
import { writeOutput } from '../output/write-output';

/**
 * The onset rate as a person reads a tempo: "1.9 beats per second (115 BPM)". The beat vector beside it is
 * the scoring code's (is there a beat in each second: 0 or 1), which says nothing about how fast the beats are.
 */
export function describeBeatRate(onsets: number, seconds: number): string {
  if (!(seconds > 0) || onsets === 0) return 'no beats found';
  const perSecond = onsets / seconds;
  return `${perSecond.toFixed(1)} beats per second (${Math.round(perSecond * 60)} BPM)`;
}

function readable(file: string, result: ClipOnsets): string {
  const beats = result.beatsPerSecond;
  const seconds = result.samples / result.sampleRate;
  const summary = formatKeyValues([
    ['file', file],
    ['sample rate', `${result.sampleRate} Hz`],
    ['samples', `${result.samples} (${seconds.toFixed(3)} s)`],
    ['frames', result.onsetStrength.length],
    ['onsets', result.onsetFrames.length],
    ['beats/second', `${beats.join('')} (${beats.filter((b) => b === 1).length} of ${beats.length} seconds)`],
    ['beat rate', describeBeatRate(result.onsetFrames.length, seconds)],
  ]);
  const rows = result.onsetFrames.map((frame, i) => [
    i + 1,
    frame,
    result.onsetTimes[i],
    result.onsetStrength[frame],
  ]);
  return `${summary}\n\n${formatTable(['#', 'frame', 'time (s)', 'strength'], rows)}`;
}

/** `loris onsets <file.wav>`: librosa 0.8.0 onset strength and onsets with the scoring code's parameters. */
export function registerOnsetsCommand(program: Command): void {
  program
    .command('onsets')
    .description(
      'onset strength, onsets and beats per second of a WAV file (librosa 0.8.0, scoring parameters)',
    )
    .argument(
      '<file.wav>',
      'WAV file (PCM 16/24/32-bit or float; stereo is downmixed, other rates resampled to 22050 Hz)',
    )
    .option('--json', 'print JSON instead of a table')
    .action((file: string, options: { json?: boolean }) => {
      const result = analyzeClip(file);
      writeOutput(Boolean(options.json), result, () => readable(file, result));
    });
}
