import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';

export interface PasswordHashCost {
  /** KiB of memory per hash. */
  memoryKib: number;
  /** Passes over that memory. */
  timeCost: number;
}

/**
 * argon2id at the OWASP Password Storage Cheat Sheet's first recommended setting (19 MiB, 2 passes,
 * parallelism 1) by default: the library default (64 MiB, 3 passes, 4 lanes) takes seconds on a busy
 * 2-core host, which turns the login route into a denial-of-service lever. verify() reads the cost from
 * each stored hash, so raising it later keeps old hashes valid.
 */
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  constructor(private readonly cost: PasswordHashCost = { memoryKib: 19_456, timeCost: 2 }) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: this.cost.memoryKib,
      timeCost: this.cost.timeCost,
      parallelism: 1,
    });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the same time as a real verification, for an email that has no account, so that response
   * time does not tell a wrong password from an unknown email.
   */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
