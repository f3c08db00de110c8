export * from './log-context';
export * from './request-id';
export * from './redaction';
export * from './pino-logger.service';
export { formatPretty } from './pretty-destination';
