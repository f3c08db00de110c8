import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { overrideArgs } from '../overrides/validate-overrides';
import { LineSplitter, parseTrainerLine } from '../trainer-lines';
import type {
  TrainerEvent,
  TrainingOutcome,
  TrainingRunner,
  TrainingRunSink,
  TrainingRunSpec,
} from './training-runner';

/** The trainer's exit status after SIGTERM and a saved checkpoint (loris_trainer.train.EXIT_CANCELLED). */
export const TRAINER_EXIT_CANCELLED = 3;
/** How long a stopped trainer gets to finish its step and checkpoint before SIGKILL. */
const STOP_GRACE_MS = 120_000;
/** Log lines are handed to the sink at most this often (or every LOG_BATCH lines). */
const LOG_FLUSH_MS = 1000;
const LOG_BATCH = 100;
/** Log lines a FAILED run's message ends with. */
const FAILURE_TAIL = 20;

export interface LocalRunnerSettings {
  /** apps/trainer: the working directory of `python3 -m loris_trainer`. */
  trainerDir: string;
  python: string;
  threads: number;
  /** Wall-clock limit of the training (export excluded). */
  maxSeconds: number;
}

/** What the run needs on this machine: the manifest folder, a checkpoint file to resume from, a work folder. */
export interface LocalRunFiles {
  manifestDir: string;
  resumeCheckpoint: string | null;
  /** The run folder (checkpoints/, export/); its name is the run's id, which the checkpoint records. */
  runDir: string;
}

/** Every trainer process of this worker, killed (with its group) when the worker exits. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // its own process group: the trainer and anything it started
  } catch {
    child.kill(signal);
  }
}

/**
 * A worker that exits (Ctrl-C, a crash of Node) takes its trainers with it. A worker killed with SIGKILL
 * runs no code: the trainer then dies by its parent-death signal (LORIS_PARENT_PID, see __main__.py).
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
}

/**
 * The LOCAL backend: `python3 -m loris_trainer train` as a child process of this worker, then `export`.
 * Its JSON lines go to the sink as events in order; other stdout lines and stderr go to the log in
 * batches. Cancel (the signal) sends SIGTERM: the trainer finishes its step, checkpoints and exits 3.
 */
export class LocalTrainingRunner implements TrainingRunner {
  constructor(
    private readonly settings: LocalRunnerSettings,
    /** Puts the run's dataset and resume checkpoint on this machine (the handler's job: storage, rows). */
    private readonly materialize: (spec: TrainingRunSpec) => Promise<LocalRunFiles>,
  ) {}

  async run(spec: TrainingRunSpec, sink: TrainingRunSink, signal: AbortSignal): Promise<TrainingOutcome> {
    const files = await this.materialize(spec);
    const train = [
      '-m',
      'loris_trainer',
      'train',
      '--manifest',
      files.manifestDir,
      '--out',
      files.runDir,
      '--steps',
      String(spec.steps),
      '--threads',
      String(this.settings.threads),
      ...(files.resumeCheckpoint
        ? ['--resume', files.resumeCheckpoint]
        : ['--config', spec.preset, ...overrideArgs(spec.overrides)]),
    ];
    const trained = await this.runTrainer(train, sink, signal, this.settings.maxSeconds * 1000);
    if (trained.status !== 'exported') return trained;
    const exportDir = join(files.runDir, 'export');
    const exported = await this.runTrainer(
      [
        '-m',
        'loris_trainer',
        'export',
        '--checkpoint',
        trained.checkpoint,
        '--out',
        exportDir,
        '--threads',
        String(this.settings.threads),
      ],
      sink,
      signal,
      this.settings.maxSeconds * 1000,
    );
    if (exported.status === 'exported') return { status: 'SUCCEEDED', exportDir };
    return exported;
  }

  /** One trainer command to its end: 'exported' stands for a clean exit (with the last checkpoint seen). */
  private runTrainer(
    args: string[],
    sink: TrainingRunSink,
    signal: AbortSignal,
    limitMs: number,
  ): Promise<TrainingOutcome | { status: 'exported'; checkpoint: string }> {
    installExitHook();
    const child = spawn(this.settings.python, args, {
      cwd: this.settings.trainerDir,
      detached: true, // a process group of its own, so a stop reaches whatever the trainer starts
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        LORIS_PARENT_PID: String(process.pid),
        OMP_NUM_THREADS: String(this.settings.threads),
        PYTHONUNBUFFERED: '1',
      },
    });
    running.add(child);
    const out = new LineSplitter();
    const err = new LineSplitter();
    const tail: string[] = [];
    let pendingLogs: string[] = [];
    let chain: Promise<void> = Promise.resolve();
    let sinkError: unknown;
    let lastCheckpoint: string | null = null;
    let errorEvent: { code: string; message: string } | null = null;
    let stopReason: 'cancel' | 'limit' | null = null;

    // Sink calls run one at a time, in the order the trainer printed, so points and checkpoints never race.
    const enqueue = (work: () => Promise<void>) => {
      chain = chain.then(work).catch((error: unknown) => {
        sinkError ??= error;
      });
    };
    const flushLogs = () => {
      if (!pendingLogs.length) return;
      const lines = pendingLogs;
      pendingLogs = [];
      enqueue(() => sink.log(lines));
    };
    const logLine = (line: string) => {
      tail.push(line);
      if (tail.length > FAILURE_TAIL) tail.shift();
      pendingLogs.push(line);
      if (pendingLogs.length >= LOG_BATCH) flushLogs();
    };
    const onEvent = (event: TrainerEvent) => {
      if (event.event === 'checkpoint') {
        lastCheckpoint = event.path;
        // last.pt is replaced at the next checkpoint; the step's own file is not, so store that one.
        const stepFile = join(dirname(event.path), `step-${String(event.step).padStart(7, '0')}.pt`);
        const stable = basename(event.path) === 'last.pt' && existsSync(stepFile) ? stepFile : event.path;
        enqueue(() => sink.event({ ...event, path: stable }));
        return;
      }
      if (event.event === 'done') lastCheckpoint = event.checkpoint;
      if (event.event === 'error') errorEvent = event;
      enqueue(() => sink.event(event));
    };
    const onStdout = (lines: string[]) => {
      for (const line of lines) {
        if (!line.trim()) continue;
        const parsed = parseTrainerLine(line);
        if ('event' in parsed) onEvent(parsed.event);
        else logLine(parsed.log);
      }
    };
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => onStdout(out.push(chunk)));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of err.push(chunk)) if (line.trim()) logLine(line);
    });
    const ticker = setInterval(flushLogs, LOG_FLUSH_MS);

    let killTimer: NodeJS.Timeout | undefined;
    const stop = (reason: 'cancel' | 'limit') => {
      if (stopReason) return;
      stopReason = reason;
      killGroup(child, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_GRACE_MS);
    };
    const onAbort = () => stop('cancel');
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const limit = setTimeout(() => stop('limit'), limitMs);

    return new Promise((resolve) => {
      let finished = false;
      const finish = async (code: number | null, killedBy: NodeJS.Signals | null, spawnError?: Error) => {
        if (finished) return; // a failed spawn emits 'error' and may then emit 'close'
        finished = true;
        clearInterval(ticker);
        clearTimeout(limit);
        clearTimeout(killTimer);
        signal.removeEventListener('abort', onAbort);
        running.delete(child);
        onStdout(out.end());
        for (const line of err.end()) if (line.trim()) logLine(line);
        flushLogs();
        await chain;
        if (sinkError) {
          // The run's rows could not be written: retry the job (it resumes from the stored checkpoint).
          resolve({ status: 'FAILED', message: `recording the run failed: ${(sinkError as Error).message}` });
          return;
        }
        if (spawnError) {
          resolve({
            status: 'FAILED',
            message: `the trainer could not start (${this.settings.python}): ${spawnError.message}`,
          });
        } else if (stopReason === 'limit') {
          resolve({
            status: 'FAILED',
            message: `the run passed its wall-clock limit of ${this.settings.maxSeconds} s (TRAINING_MAX_SECONDS) and was stopped`,
          });
        } else if (stopReason === 'cancel') {
          resolve({
            status: 'CANCELLED',
            checkpoint: code === TRAINER_EXIT_CANCELLED ? lastCheckpoint : null,
          });
        } else if (code === 0) {
          // train ends with its `done` line naming last.pt; export names none and needs none.
          resolve({ status: 'exported', checkpoint: lastCheckpoint ?? '' });
        } else {
          const how = killedBy ? `was killed by ${killedBy}` : `exited with status ${code}`;
          const said = errorEvent ? ` [${errorEvent.code}] ${errorEvent.message}` : '';
          resolve({
            status: 'FAILED',
            message: `the trainer ${how}${said}${tail.length ? `; last log lines:\n${tail.join('\n')}` : ''}`,
          });
        }
      };
      child.once('error', (error) => void finish(null, null, error));
      child.once('close', (code, killedBy) => void finish(code, killedBy));
    });
  }
}
