// A model folder as the tar `loris models push` sends: model.json first, then every file the card names
// (each graph and its external weights), streamed from disk. The card is checked here first with the same
// parser the registry uses, so a folder that cannot be a model fails before anything is sent.
import { createReadStream } from 'fs';
import { stat } from 'fs/promises';
import { join } from 'path';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { pack } from 'tar-stream';
import { CONTRACT_FILE, type ModelContract, ModelContractError, ModelNotFoundError, readContract } from '@loris/inference';
import { CliError } from '../cli.error';

export interface PackedModel {
  contract: ModelContract;
  /** The files in the archive, in order, with their sizes. */
  files: { name: string; bytes: number }[];
  tar: Readable;
}

/** model.json, then each graph's file and its external weights. */
export function modelFileNames(contract: ModelContract): string[] {
  const names = [CONTRACT_FILE];
  for (const file of [contract.files.conditioner, contract.files.denoiser]) {
    names.push(file.path);
    if (file.externalData) names.push(file.externalData.path);
  }
  return names;
}

async function readCard(dir: string): Promise<ModelContract> {
  try {
    return await readContract(dir);
  } catch (error) {
    if (error instanceof ModelNotFoundError)
      throw new CliError('FILE_NOT_FOUND', 'no model.json here: expected a model folder', dir);
    if (error instanceof ModelContractError) throw new CliError(error.code, error.message, join(dir, CONTRACT_FILE));
    throw error;
  }
}

/** Checks the folder's card and that every file it names is there, then starts packing them. */
export async function packModel(dir: string): Promise<PackedModel> {
  const contract = await readCard(dir);
  const files: PackedModel['files'] = [];
  for (const name of modelFileNames(contract)) {
    const path = join(dir, name);
    const found = await stat(path).catch(() => null);
    if (!found?.isFile()) throw new CliError('FILE_NOT_FOUND', `model.json names ${name}, which is not here`, path);
    files.push({ name, bytes: found.size });
  }
  const tar = pack();
  const write = async () => {
    for (const file of files) {
      const entry = tar.entry({ name: file.name, size: file.bytes, type: 'file' });
      await pipeline(createReadStream(join(dir, file.name)), entry);
    }
    tar.finalize();
  };
  write().catch((error: Error) => tar.destroy(error));
  // tar-stream's Pack is a streamx stream; Readable.from gives the web conversion a Node stream.
  return { contract, files, tar: Readable.from(tar) };
}
