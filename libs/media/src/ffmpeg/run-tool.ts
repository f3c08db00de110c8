import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { MediaCancelled, MediaToolFailed } from '../media.errors';

/** The binaries, overridable for hosts that keep them elsewhere. */
export const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
export const FFPROBE = process.env.FFPROBE_PATH || 'ffprobe';

/** Enough of stderr to say why a tool failed, without holding a chatty decoder's whole log. */
const STDERR_KEEP = 16 * 1024;

export type ToolProcess = ChildProcessByStdio<null, Readable, Readable>;

export interface RunningTool {
  proc: ToolProcess;
  /** The tail of stderr so far. */
  stderr(): string;
  /** The exit code once the process has exited and its pipes are drained; rejects MediaCancelled on abort. */
  exited: Promise<number | null>;
}

export interface ToolResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Starts a tool with stdin closed; aborting the signal kills it. */
export function startTool(tool: string, args: string[], signal?: AbortSignal): RunningTool {
  if (signal?.aborted) throw new MediaCancelled();
  const proc = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGKILL' });
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_KEEP);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    proc.once('error', (err: NodeJS.ErrnoException) => {
      if (signal?.aborted) reject(new MediaCancelled());
      else if (err.code === 'ENOENT') reject(missingTool(tool));
      else reject(new MediaToolFailed(tool, `${tool} could not be started: ${err.message}`));
    });
    proc.once('close', (code) => (signal?.aborted ? reject(new MediaCancelled()) : resolve(code)));
  });
  // Callers that stop early (a consumer breaking out of decodeFrames) may never await it.
  exited.catch(() => undefined);
  return { proc, stderr: () => stderr, exited };
}

/** Runs a tool to completion, collecting stdout in memory (for small outputs: JSON, a segment's PCM). */
export async function runTool(tool: string, args: string[], signal?: AbortSignal): Promise<ToolResult> {
  const run = startTool(tool, args, signal);
  const chunks: Buffer[] = [];
  run.proc.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await run.exited;
  return { code, stdout: Buffer.concat(chunks), stderr: run.stderr() };
}

export function missingTool(tool: string): MediaToolFailed {
  return new MediaToolFailed(
    tool,
    `${tool} is not installed or not on PATH; install Debian's ffmpeg (tools/install-system-deps.sh).`,
  );
}

/** The last meaningful line of a tool's stderr, for messages, without the server path or ffmpeg's `[demuxer @ 0x…]`. */
export function lastErrorLine(stderr: string, path?: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/, '').trim())
    .filter(Boolean);
  const line = lines[lines.length - 1] ?? 'no error output';
  return path ? line.split(path).join(path.split('/').pop()) : line;
}

/** `-ss`/`-t` arguments, seconds with millisecond precision. */
export function timeArgs(
  startSeconds?: number,
  durationSeconds?: number,
): { input: string[]; output: string[] } {
  return {
    input: startSeconds ? ['-ss', startSeconds.toFixed(3)] : [],
    output: durationSeconds !== undefined ? ['-t', durationSeconds.toFixed(3)] : [],
  };
}
