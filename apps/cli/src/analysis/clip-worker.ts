// Worker-thread side of the clip pool: analyses the WAV files the pool sends, one at a time.
import { parentPort } from 'worker_threads';
import { isTypedError } from '../cli.error';
import { analyzeClip } from './clip-onsets';
import { STOP, type ClipReply, type ClipRequest } from './clip-pool';

const port = parentPort;
if (!port) throw new Error('clip-worker runs as a worker thread of the clip pool');

port.on('message', (request: ClipRequest | typeof STOP) => {
  if (request === STOP) return port.close(); // the pool is done: let this thread end on its own
  const { id, path } = request;
  let reply: ClipReply;
  try {
    reply = { id, result: analyzeClip(path) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply = isTypedError(error)
      ? { id, error: { code: error.code, message, file: error.file ?? path } }
      : { id, error: { message, file: path } };
  }
  port.postMessage(reply);
});
