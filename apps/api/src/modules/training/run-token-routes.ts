import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { looksLikeRunToken } from '@loris/domain';

/** The report routes of a training run's pods (TrainingReportController), below /v1. */
const RUN_ROUTE = /^\/training-runs\/[^/]+\/(events|dataset\.tar|checkpoint\.pt|export\.tar)$/i;

/**
 * In front of the member and API-key authentication of /v1: a training pod's request to its run's report
 * routes, carrying a run token, goes straight to the route, which checks the token against its run. Any
 * other request (or a run token anywhere else) is authenticated as before, and refused there.
 */
export function runTokenRoutes(authenticate: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization')?.trim() ?? '')?.[1];
    if (bearer && looksLikeRunToken(bearer) && RUN_ROUTE.test(req.path)) return next();
    return authenticate(req, res, next);
  };
}
