import { Global, Logger, Module } from '@nestjs/common';
import { createBlobStore } from '@loris/storage';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const BLOB_STORE = Symbol('BLOB_STORE');

/**
 * The blob store of STORAGE_URL / STORAGE_DIR, shared by uploads, downloads and the worker. Opening it
 * sweeps the temp files that a crashed API or worker left mid-put.
 */
@Global()
@Module({
  providers: [
    {
      provide: BLOB_STORE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const store = createBlobStore(config.storage.env);
        // A put keeps its temp file's mtime fresh as it writes, so an old one has no live writer.
        const removed = await store.sweepStaleTemp?.(config.storage.staleTempMs).catch((error: Error) => {
          new Logger('Storage').warn(`stale temp files not swept: ${error.message}`);
          return 0;
        });
        if (removed) new Logger('Storage').log(`removed ${removed} temp file(s) left by interrupted uploads`);
        return store;
      },
    },
  ],
  exports: [BLOB_STORE],
})
export class StorageModule {}
