// Plain modules (no NestJS, no database) for the dataset file formats the platform reads and writes: the
// authors' LORIS release layout and our trainer's manifest. The CLI imports them through
// `@loris/domain/dataset-formats`, so they must stay free of decorators.
export * from './loris-genres';
export * from './npy-reader';
export * from './segment-import-item';
export * from './loris-layout';
export * from './loris-poses';
export * from './trainer-manifest-reader';
export * from './trainer-manifest';
export * from './export-plan';
export * from './manifest-export';
export * from './loris-export';
