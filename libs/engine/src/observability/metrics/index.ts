export * from './metrics-registry';
export * from './queue-depth';
export * from './job-report';
export * from './job-metrics';
export * from './metrics.module';
