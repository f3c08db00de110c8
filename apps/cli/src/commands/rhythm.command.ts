import { Option, type Command } from 'commander';
import { RHYTHM_VARIANTS, visualRhythm, type RhythmVariant, type VisualRhythm } from '@loris/rhythm';
import { aboutFile } from '../cli.error';
import { readJsonFile } from '../io/read-input-file';
import { formatKeyValues, formatTable } from '../output/table.output';
import { writeOutput } from '../output/write-output';

/** What `loris rhythm --json` prints (issue 3's shape plus the parameters the variant ran with). */
export interface RhythmOutput {
  variant: RhythmVariant;
  params: VisualRhythm['params'];
  fps: number;
  /** envelope[i] and peaks[i] belong to pose frame i + frameOffset. */
  frameOffset: number;
  envelope: number[];
  peaks: number[];
  peakFrames: number[];
  peakTimes: number[];
}

function toOutput(rhythm: VisualRhythm): RhythmOutput {
  return {
    variant: rhythm.variant,
    params: rhythm.params,
    fps: rhythm.fps,
    frameOffset: rhythm.frameOffset,
    envelope: Array.from(rhythm.envelope),
    peaks: Array.from(rhythm.peaks),
    peakFrames: rhythm.peakFrames,
    peakTimes: rhythm.peakTimes,
  };
}

function readable(file: string, output: RhythmOutput): string {
  const summary = formatKeyValues([
    ['file', file],
    ['variant', output.variant],
    ['fps', output.fps],
    [
      'values',
      `${output.envelope.length} (pose frames ${output.frameOffset}..${output.frameOffset + output.envelope.length - 1})`,
    ],
    ['peaks', output.peakFrames.length],
  ]);
  const rows = output.peakFrames.map((frame, i) => [
    i + 1,
    frame,
    output.peakTimes[i],
    output.envelope[frame - output.frameOffset],
  ]);
  return `${summary}\n\n${formatTable(['#', 'pose frame', 'time (s)', 'envelope'], rows)}`;
}

/** `loris rhythm <poses.json>`: visual rhythm (paper eq. 4-7, or the released code's variant). */
export function registerRhythmCommand(program: Command): void {
  program
    .command('rhythm')
    .description('visual rhythm of a pose track: onset envelope and rhythm peaks')
    .argument('<poses.json>', 'pose track {fps, keypoints: [T][17][3]} (COCO-17 x, y, confidence)')
    .addOption(
      new Option('--variant <variant>', 'paper equations or the released code')
        .choices(RHYTHM_VARIANTS)
        .default('paper'),
    )
    .option('--json', 'print JSON instead of a table')
    .action((file: string, options: { variant: RhythmVariant; json?: boolean }) => {
      const track = readJsonFile(file);
      const output = aboutFile(file, () => toOutput(visualRhythm(track, { variant: options.variant })));
      writeOutput(Boolean(options.json), output, () => readable(file, output));
    });
}
