import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelContractError, ModelNotFoundError } from '../inference.errors';
import { parityModelDir, readParityIndex } from '../testing/parity-fixture.testing';
import { readContractCached, readModelCard } from './contract-cache';
import { readContract } from './read-contract';

describe('readContractCached', () => {
  const source = parityModelDir(readParityIndex());
  let dirs: string[] = [];

  function copy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'loris-card-'));
    cpSync(source, dir, { recursive: true });
    dirs.push(dir);
    return dir;
  }

  afterEach(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs = [];
  });

  it('parses a model version once: the same object for the same model.json bytes, in any folder', async () => {
    const first = await readContractCached(source);
    expect(first).toEqual(await readContract(source));
    expect(await readContractCached(source)).toBe(first);
    expect(await readContractCached(copy())).toBe(first);
  });

  it('keys by the sha256 of model.json, so a replaced card is read afresh', async () => {
    const dir = copy();
    const before = await readModelCard(dir);
    expect(before.sha256).toMatch(/^[0-9a-f]{64}$/);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...json, version: '0.3.0' }));
    const after = await readModelCard(dir);
    expect(after.sha256).not.toBe(before.sha256);
    expect(after.contract.version).toBe('0.3.0');
    expect(before.contract.version).toBe('0.2.0');
  });

  it('shares a frozen card, so no caller can change it under another', async () => {
    const contract = await readContractCached(source);
    expect(Object.isFrozen(contract)).toBe(true);
    expect(Object.isFrozen(contract.sampler)).toBe(true);
    expect(Object.isFrozen(contract.genres)).toBe(true);
  });

  it('throws as readContract does, and caches no failure', async () => {
    await expect(readContractCached(join(source, 'missing'))).rejects.toBeInstanceOf(ModelNotFoundError);
    const dir = copy();
    const good = readFileSync(join(dir, 'model.json'));
    writeFileSync(join(dir, 'model.json'), '{"format": ');
    await expect(readContractCached(dir)).rejects.toBeInstanceOf(ModelContractError);
    writeFileSync(join(dir, 'model.json'), good);
    await expect(readContractCached(dir)).resolves.toBe(await readContractCached(source));
  });
});
