import { Logger } from '@nestjs/common';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { LoggingConfig } from '../../config/app-config';
import { addToLogContext, runWithLogContext } from './log-context';
import { createAppLogger, PinoLoggerService } from './pino-logger.service';
import { formatPretty } from './pretty-destination';
import { acceptRequestId } from './request-id';

const JSON_INFO: LoggingConfig = { level: 'info', format: 'json' };

/** A logger writing into an array, one parsed record per line. */
function capture(
  config: LoggingConfig = JSON_INFO,
  nestLevels?: Parameters<typeof createAppLogger>[1]['nestLevels'],
) {
  const lines: string[] = [];
  const logger = createAppLogger(config, {
    service: 'loris-test',
    nestLevels,
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('PinoLoggerService', () => {
  it('writes one JSON object per line with time, level, service, context and message', () => {
    const { logger, lines, records } = capture();
    logger.log('worker processing queues', 'Worker');
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(records()[0]).toMatchObject({
      level: 'info',
      service: 'loris-test',
      context: 'Worker',
      msg: 'worker processing queues',
    });
    expect(new Date(records()[0].time as string).toISOString()).toBe(records()[0].time);
  });

  it('carries the ids of the request or job it runs in, to Nest Loggers of domain code too', async () => {
    const { logger, records } = capture();
    Logger.overrideLogger(logger);
    try {
      const domain = new Logger('SoundtracksService');
      await runWithLogContext({ requestId: 'req-1' }, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        addToLogContext({ tenantId: 't-1' });
        domain.log('queued');
      });
      await runWithLogContext({ jobId: '42', queue: 'generate', tenantId: 't-2' }, async () =>
        domain.warn('slow'),
      );
      domain.log('outside');
    } finally {
      Logger.overrideLogger(['error']);
    }
    const [inRequest, inJob, outside] = records();
    expect(inRequest).toMatchObject({ requestId: 'req-1', tenantId: 't-1', msg: 'queued' });
    expect(inJob).toMatchObject({ jobId: '42', queue: 'generate', tenantId: 't-2', level: 'warn' });
    expect(outside).not.toHaveProperty('requestId');
    expect(outside).not.toHaveProperty('jobId');
  });

  it('adds traceId and spanId while a span is active', () => {
    const manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
    try {
      const { logger, records } = capture();
      const spanContext = {
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
        traceFlags: TraceFlags.SAMPLED,
      };
      context.with(trace.setSpanContext(context.active(), spanContext), () => logger.log('in span'));
      logger.log('no span');
      expect(records()[0]).toMatchObject({ traceId: spanContext.traceId, spanId: spanContext.spanId });
      expect(records()[1]).not.toHaveProperty('traceId');
    } finally {
      context.disable();
    }
  });

  it('redacts passwords, tokens, API keys and Authorization headers, in fields and in text', () => {
    const { logger, lines } = capture();
    logger.log({
      msg: 'sign up',
      input: { email: 'ada@example.com', password: 'correct horse battery' },
      headers: { authorization: 'Bearer abc.def', 'x-api-key': 'lsk_0123456789abcdefghijklmnop' },
      token: 'session-token-value',
    });
    logger.warn(
      'retrying with Authorization: Bearer eyJhbGciOi.payload.sig for key lsk_AbCdEfGhIjKlMnOpQrStUv',
    );
    logger.error(
      'connect failed',
      'Error: to postgres://loris_app:s3cret@db:5432/loris\n    at x (y.js:1:1)',
      'Db',
    );
    const text = lines.join('');
    for (const secret of [
      'correct horse',
      'abc.def',
      'lsk_0123',
      'session-token-value',
      'eyJhbG',
      'AbCdEf',
      's3cret',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('ada@example.com');
    expect(text).toContain('[REDACTED]');
  });

  it('keeps Nest error stacks and contexts apart, and logs Error objects with their stack', () => {
    const { logger, records } = capture();
    logger.error('boom', 'Error: boom\n    at here (x.js:1:1)', 'ExceptionsHandler');
    logger.error(new Error('thrown'));
    const [withStack, fromError] = records();
    expect(withStack).toMatchObject({ level: 'error', msg: 'boom', context: 'ExceptionsHandler' });
    expect((withStack.err as { stack: string }).stack).toContain('at here');
    expect(fromError).toMatchObject({ msg: 'thrown' });
    expect((fromError.err as { stack: string }).stack).toContain('pino-logger.service.spec');
  });

  it('honours the level: LOG_LEVEL by default, the lowest Nest level a caller gives, silent for false', () => {
    const warnOnly = capture({ level: 'warn', format: 'json' });
    warnOnly.logger.log('dropped');
    warnOnly.logger.debug('dropped');
    warnOnly.logger.warn('kept');
    expect(warnOnly.records().map((r) => r.msg)).toEqual(['kept']);

    const debug = capture({ level: 'debug', format: 'json' });
    debug.logger.debug('kept');
    debug.logger.verbose('dropped');
    expect(debug.records().map((r) => r.msg)).toEqual(['kept']);

    const errorsOnly = capture(JSON_INFO, ['error']);
    errorsOnly.logger.warn('dropped');
    errorsOnly.logger.error('kept');
    expect(errorsOnly.records().map((r) => r.msg)).toEqual(['kept']);

    const silent = capture(JSON_INFO, false);
    silent.logger.fatal('dropped');
    expect(silent.lines).toEqual([]);
  });

  it('is a Nest LoggerService', () => {
    expect(capture().logger).toBeInstanceOf(PinoLoggerService);
  });
});

describe('formatPretty', () => {
  it('makes one readable line of a record', () => {
    const line = formatPretty(
      JSON.stringify({
        level: 'info',
        time: '2025-01-02T03:04:05.678Z',
        service: 's',
        pid: 1,
        context: 'Api',
        msg: 'up',
        jobId: '7',
      }) + '\n',
    );
    expect(line).toBe('03:04:05.678 INFO  [Api] up  jobId=7\n');
  });
});

describe('acceptRequestId', () => {
  it("keeps a client's sane id and replaces anything else with a UUID", () => {
    expect(acceptRequestId('abc-123_x.y:z')).toBe('abc-123_x.y:z');
    const uuid = /^[0-9a-f-]{36}$/;
    expect(acceptRequestId(undefined)).toMatch(uuid);
    expect(acceptRequestId('')).toMatch(uuid);
    expect(acceptRequestId('x'.repeat(129))).toMatch(uuid);
    expect(acceptRequestId('a b')).toMatch(uuid);
    expect(acceptRequestId('a"}\n{"level":"fatal')).toMatch(uuid);
    expect(acceptRequestId(['first', 'second'])).toBe('first');
  });
});
