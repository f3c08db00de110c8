// The messages between GenerationThread and its worker script (structured clone; audio is transferred).
import type { ExecutionProvider, LoadModelOptions } from '../model/load-model';
import type { SamplingSettings } from '../request/sampling-settings';
import type { ModelConditions } from './conditions';
import type { StepProgress } from './generate-soundtrack';

export interface ThreadStart {
  dir: string;
  options: LoadModelOptions;
}

export type ThreadRequest =
  | { type: 'generate'; id: number; conditions: ModelConditions; settings: SamplingSettings }
  | { type: 'cancel'; id: number };

export type ThreadMessage =
  | { type: 'ready'; executionProviders: ExecutionProvider[]; providerFallback?: string }
  | { type: 'load-failed'; message: string }
  | { type: 'step'; id: number; progress: StepProgress }
  | { type: 'done'; id: number; audio: Float32Array }
  | { type: 'failed'; id: number; cancelled: boolean; step: number; message: string };
