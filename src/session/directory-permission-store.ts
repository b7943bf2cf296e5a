import type { BesDirectory } from '../bes-users.js';
import type { PermissionStore } from './permission-store.js';
import { storeAnswer } from './store-answer.js';

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

  mayUse(userId: string, client: string): Promise<boolean> {
    try {
      return storeAnswer(client === this.#client && this.#directory.find(userId)?.collaboration === true);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
