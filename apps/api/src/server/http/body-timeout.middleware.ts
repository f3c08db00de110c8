import { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendError } from './error-response';
import { ErrorCode } from '@loris/engine';

export interface BodyTimeouts {
  /** The whole body of an ordinary request (at most API_BODY_LIMIT) must arrive within this. */
  bodyMs: number;
  /** An upload may take as long as it needs, but never go quiet for this long. */
  uploadIdleMs: number;
}

/**
 * Answers 408 and closes the connection when a request body trickles in too slowly, which would otherwise
 * hold a socket, a parser and (for uploads) a temp file for as long as the client likes. Ordinary bodies get
 * a deadline: a byte a second must not keep one open. Uploads (up to UPLOAD_MAX_BYTES) legitimately take
 * long on a slow link, so they get an idle timeout instead.
 */
export function bodyTimeout({ bodyMs, uploadIdleMs }: BodyTimeouts): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.complete || !hasBody(req)) return next();
    const path = req.path.toLowerCase();
    // A model push (POST /v1/models/:name/versions) is an upload of a whole model folder; so is a training
    // pod's export (POST /v1/training-runs/:id/export.tar).
    const upload =
      path.startsWith('/v1/uploads') ||
      /^\/v1\/models\/[^/]+\/versions\/?$/.test(path) ||
      /^\/v1\/training-runs\/[^/]+\/export\.tar$/.test(path);
    const refuse = () => {
      if (req.complete) return;
      const what = upload ? `sent nothing for ${uploadIdleMs} ms` : `did not arrive within ${bodyMs} ms`;
      res.setHeader('Connection', 'close');
      sendError(res, 408, ErrorCode.BAD_USER_INPUT, `The request body ${what}; send it again`);
      // The rest of the body is not waited for: the answer is flushed, then the socket goes.
      res.once('finish', () => req.socket?.destroy());
      if (res.headersSent && res.writableFinished) req.socket?.destroy();
    };
    let stop: () => void;
    if (upload) {
      // On the request, not its socket: with no 'timeout' listener there, Node destroys the socket unanswered.
      req.setTimeout(uploadIdleMs, refuse);
      // By the time the response closes, the socket may be detached from the request (null): then its
      // timer went with it. req.setTimeout would dereference it, throwing from a 'close' listener.
      stop = () => req.socket?.setTimeout(0);
    } else {
      const timer = setTimeout(refuse, bodyMs);
      stop = () => clearTimeout(timer);
    }
    res.once('close', stop);
    req.once('end', stop);
    next();
  };
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}
