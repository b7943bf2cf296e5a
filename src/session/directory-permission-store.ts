import type { BesDirectory } from '../bes-users.js';
import type { PermissionStore } from './permission-store.js';

/**
 * The default permission store: what the enterprise directory says (`collaboration`), for the one
 * collaboration client the BES's backend serves.
 */
export class DirectoryPermissionStore implements PermissionStore {
  readonly #directory: BesDirectory;
  readonly #client: string;

  constructor(directory: BesDirectory, client: string) {
    this.#directory = directory;
    this.#client = client;
  }

  async mayUse(userId: string, client: string): Promise<boolean> {
    return client === this.#client && this.#directory.find(userId)?.collaboration === true;
  }
}
