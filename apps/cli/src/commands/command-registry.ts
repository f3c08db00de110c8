import type { Command } from 'commander';
import { registerAdminCommand } from './admin.command';
import { registerDatasetCommand } from './dataset.command';
import { registerEvaluationsCommand } from './evaluations.command';
import { registerGenerateCommand } from './generate.command';
import { registerMetricsCommand } from './metrics.command';
import { registerModelsCommand } from './models.command';
import { registerOnsetsCommand } from './onsets.command';
import { registerRhythmCommand } from './rhythm.command';
import { registerSynthCommand } from './synth.command';

/** Adds one sub-command (its options and action) to the program. One file per command in this folder. */
export type CommandRegistrar = (program: Command) => void;

/** Every command of `loris`, in the order `loris --help` lists them. Add a new command's registrar here. */
export const commandRegistrars: readonly CommandRegistrar[] = [
  registerOnsetsCommand,
  registerRhythmCommand,
  registerMetricsCommand,
  registerGenerateCommand,
  registerSynthCommand,
  registerDatasetCommand,
  registerModelsCommand,
  registerEvaluationsCommand,
  registerAdminCommand,
];
