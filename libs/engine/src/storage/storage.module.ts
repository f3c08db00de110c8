import { Global, Module } from '@nestjs/common';
import { createBlobStore } from '@loris/storage';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const BLOB_STORE = Symbol('BLOB_STORE');

/** The blob store of STORAGE_URL / STORAGE_DIR, shared by uploads, downloads and the worker. */
@Global()
@Module({
  providers: [
    {
      provide: BLOB_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createBlobStore(config.storage.env),
    },
  ],
  exports: [BLOB_STORE],
})
export class StorageModule {}
