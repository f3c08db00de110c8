import { Inject, Injectable } from '@nestjs/common';
import { ArtifactEntity, isUuid, TenantUnitOfWork } from '@loris/db';
import { BLOB_STORE, NotFoundError, TenantContext } from '@loris/engine';
import { BlobStore } from '@loris/storage';

export class MediaNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Media ${id} was not found`);
  }
}

/** A tenant's stored files (uploads and results), read by id. */
@Injectable()
export class MediaService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  /** The artifact row; NOT_FOUND for a malformed, missing or other tenant's id (row-level security). */
  async find(caller: TenantContext, id: string): Promise<ArtifactEntity> {
    if (!isUuid(id)) throw new MediaNotFoundError(id);
    const artifact = await this.uow.run(caller.tenantId, (m) => m.findOneBy(ArtifactEntity, { id }));
    if (!artifact) throw new MediaNotFoundError(id);
    return artifact;
  }

  /** The artifact's bytes from `start` to `end` inclusive. */
  open(
    artifact: ArtifactEntity,
    range: { start: number; end: number },
  ): ReturnType<BlobStore['createReadStream']> {
    return this.store.createReadStream(artifact.sha256, range);
  }
}
