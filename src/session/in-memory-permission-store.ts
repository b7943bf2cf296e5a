import type { PermissionGrant } from './permission-grant.js';
import type { PermissionStore } from './permission-store.js';
import { storeAnswer } from './store-answer.js';

/**
 * The default permission store, in memory: which users may use which collaboration clients.
 * A user or client it has never heard of may use nothing.
 */
export class InMemoryPermissionStore implements PermissionStore {
  readonly #clientsByUser = new Map<string, Set<string>>();

  /** Grants from a list such as `[{ userId: 'alice', clients: ['sametime'] }]`; repeated users add up. */
  constructor(grants: Iterable<PermissionGrant> = []) {
    for (const { userId, clients } of grants) {
      for (const client of clients) this.grant(userId, client);
    }
  }

  /** Whether the user may use the collaboration client (granted in the list, or later with `grant`). */
  mayUse(userId: string, client: string): Promise<boolean> {
    return storeAnswer(this.#clientsByUser.get(userId)?.has(client) ?? false);
  }

  /** Permits the user to use the collaboration client from now on. */
  grant(userId: string, client: string): void {
    const clients = this.#clientsByUser.get(userId);
    if (clients === undefined) this.#clientsByUser.set(userId, new Set([client]));
    else clients.add(client);
  }

  /** Takes a client away; does nothing if the user could not use it. */
  revoke(userId: string, client: string): void {
    const clients = this.#clientsByUser.get(userId);
    if (clients === undefined) return;
    clients.delete(client);
    if (clients.size === 0) this.#clientsByUser.delete(userId);
  }
}
