export * from './inference.errors';
export * from './sampling/random';
export * from './sampling/sampling';
export * from './sampling/guidance';
