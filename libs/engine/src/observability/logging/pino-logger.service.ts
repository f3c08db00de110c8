import { LoggerService, LogLevel } from '@nestjs/common';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { DestinationStream, Logger, LevelWithSilent } from 'pino';
import { LoggingConfig } from '../../config/app-config';
import { currentLogContext } from './log-context';
import { prettyDestination } from './pretty-destination';
import { REDACTED, REDACTED_PATHS, redactText } from './redaction';

const NEST_TO_PINO: Record<LogLevel, pino.Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

const PINO_ORDER: LevelWithSilent[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

export interface AppLoggerOptions {
  /** Which process writes (loris-api, loris-worker): the `service` field of every line. */
  service: string;
  /**
   * Nest's own way to choose levels, as tests pass it: false is silent, a list keeps its lowest level and
   * above. Left out, LOG_LEVEL decides.
   */
  nestLevels?: LogLevel[] | false;
  /** Where lines go; stdout by default (synchronously, so nothing is lost when the process exits). */
  destination?: DestinationStream;
}

/** The level to run at: the settings', unless a caller (a test) chose Nest levels. */
function levelOf(config: LoggingConfig, nestLevels: LogLevel[] | false | undefined): LevelWithSilent {
  if (nestLevels === undefined) return config.level;
  if (nestLevels === false || nestLevels.length === 0) return 'silent';
  return nestLevels
    .map((level) => NEST_TO_PINO[level])
    .reduce((lowest, level) => (PINO_ORDER.indexOf(level) < PINO_ORDER.indexOf(lowest) ? level : lowest));
}

/** Ids of the request or job being served and of the active span, merged into every line. */
function contextFields(): Record<string, string> {
  const fields: Record<string, string> = {};
  const ids = currentLogContext();
  if (ids) {
    for (const [key, value] of Object.entries(ids)) if (value !== undefined) fields[key] = value;
  }
  const span = trace.getActiveSpan()?.spanContext();
  if (span && isSpanContextValid(span)) {
    fields.traceId = span.traceId;
    fields.spanId = span.spanId;
  }
  return fields;
}

export function createPinoLogger(config: LoggingConfig, options: AppLoggerOptions): Logger {
  const destination =
    options.destination ??
    (config.format === 'pretty'
      ? prettyDestination(process.stdout)
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: levelOf(config, options.nestLevels),
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: contextFields,
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
    },
    destination,
  );
}

/**
 * Nest's LoggerService on pino: every Nest `Logger` (framework and domain code alike) writes one JSON
 * object per line, with the ids of the current request or job.
 */
export class PinoLoggerService implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.writeError('fatal', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.writeError('error', message, params);
  }

  /** Nest calls this when an app is given levels after start; the lowest one wins, as at start. */
  setLogLevels(levels: LogLevel[]): void {
    this.pino.level = levelOf({ level: 'info', format: 'json' }, levels);
  }

  // Nest's Logger appends its context name as the last parameter.
  private write(level: pino.Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    this.emit(level, message, context, params.length ? { params } : {});
  }

  // Nest's error(message, stack?, context?): the stack only when Nest had one to give.
  private writeError(level: pino.Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const strings = params.filter((p): p is string => typeof p === 'string');
    let stack: string | undefined;
    let context: string | undefined;
    if (strings.length >= 2) [stack, context] = strings.slice(-2);
    else if (strings.length === 1) {
      if (/\n\s+at /.test(strings[0])) stack = strings[0];
      else context = strings[0];
    }
    const extra: Record<string, unknown> = {};
    const error = params.find((p): p is Error => p instanceof Error);
    if (error) extra.err = error;
    else if (stack) extra.err = { stack: redactText(stack) };
    this.emit(level, message, context, extra);
  }

  private emit(
    level: pino.Level,
    message: unknown,
    context: string | undefined,
    extra: Record<string, unknown>,
  ): void {
    const fields: Record<string, unknown> = { ...extra };
    if (context) fields.context = context;
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, redactText(message.message));
    } else if (message !== null && typeof message === 'object') {
      const { msg, message: text, ...rest } = message as Record<string, unknown>;
      this.pino[level]({ ...rest, ...fields }, redactText(String(msg ?? text ?? '')));
    } else {
      this.pino[level](fields, redactText(String(message)));
    }
  }
}

export function createAppLogger(config: LoggingConfig, options: AppLoggerOptions): PinoLoggerService {
  return new PinoLoggerService(createPinoLogger(config, options));
}
