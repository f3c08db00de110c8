import { Inject, Injectable } from '@nestjs/common';
import { TenantUnitOfWork } from '@loris/db';
import { APP_CONFIG, AppConfig, BLOB_STORE } from '@loris/engine';
import { BlobStore } from '@loris/storage';
import { receiveModelTar } from '../../models/receive-model-tar';
import type { TrainingExportSource } from './kubernetes-training-runner';

/** Where a run's uploaded export is noted: training_runs.backend_ref.export = { sha256, bytes }. */
interface ExportRef {
  sha256: string;
  bytes: number;
}

/**
 * The model a KUBERNETES run's pod exported: the pod uploads it as one tar (the token-scoped export route),
 * kept in the blob store and noted on the run's backend_ref; the worker's runner fetches it back, unpacked,
 * to register it. The tar is checked when it is unpacked (plain files, safe paths, a size budget) and the
 * folder by the registry, so a broken upload fails the run with the reason instead of registering.
 */
@Injectable()
export class TrainingExportStore implements TrainingExportSource {
  constructor(
    private readonly uow: TenantUnitOfWork,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Largest export accepted: the upload limit (UPLOAD_MAX_BYTES). */
  get maxBytes(): number {
    return this.config.uploads.maxBytes;
  }

  /**
   * Stores the tar and notes it on the run, if the run is still going (RUNNING, or CANCELLING while its pod
   * finishes); false when it is not, and then nothing is kept.
   */
  async store(tenantId: string, runId: string, body: NodeJS.ReadableStream): Promise<ExportRef | undefined> {
    const stored = await this.blobs.put(body, { maxBytes: this.maxBytes });
    const ref: ExportRef = { sha256: stored.sha256, bytes: stored.bytes };
    const updated = await this.uow.run(tenantId, (m) =>
      m.query(
        `UPDATE training_runs
            SET backend_ref = coalesce(backend_ref, '{}'::jsonb) || jsonb_build_object('export', $2::jsonb)
          WHERE id = $1 AND status IN ('RUNNING', 'CANCELLING')
          RETURNING id`,
        [runId, JSON.stringify(ref)],
      ),
    );
    // typeorm answers an UPDATE ... RETURNING as [rows, count].
    const rows = (Array.isArray(updated[0]) ? updated[0] : updated) as unknown[];
    if (rows.length) return ref;
    await this.blobs.delete(stored.sha256);
    return undefined;
  }

  async fetchExport(tenantId: string, runId: string): Promise<string | undefined> {
    const [row] = await this.uow.read(tenantId, (q) =>
      q<{ ref: ExportRef | null }>(`SELECT backend_ref -> 'export' AS ref FROM training_runs WHERE id = $1`, [
        runId,
      ]),
    );
    if (!row?.ref?.sha256) return undefined;
    const received = await receiveModelTar(await this.blobs.createReadStream(row.ref.sha256), this.maxBytes);
    return received.dir;
  }
}
