export * from './tracing';
export * from './trace-carrier';
export * from './job-spans';
export * from './tracing.module';
