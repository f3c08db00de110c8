// Reads a model directory's model.json, parsed and checked, without opening the ONNX files. The bytes and
// the parse are separate steps so the cache (contract-cache.ts) can key a parse by the bytes' sha256.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelContractError, ModelNotFoundError } from '../inference.errors';
import { ModelContract, parseModelContract } from './model-contract';

export const CONTRACT_FILE = 'model.json';

/** model.json's bytes; ModelNotFoundError when the directory or the file is missing. */
export async function readContractBytes(dir: string): Promise<Buffer> {
  try {
    return await readFile(join(dir, CONTRACT_FILE));
  } catch {
    throw new ModelNotFoundError(dir);
  }
}

/** model.json's bytes as a checked contract; ModelContractError names what is wrong. */
export function parseContractBytes(bytes: Uint8Array): ModelContract {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new ModelContractError(CONTRACT_FILE, `is not valid JSON (${(error as Error).message})`);
  }
  return parseModelContract(json);
}

/** The model directory's model.json, parsed and checked, without opening the ONNX files (no cache). */
export async function readContract(dir: string): Promise<ModelContract> {
  return parseContractBytes(await readContractBytes(dir));
}
