import type { ContractCaseBody, ContractIt } from './contract-test-api.js';

/** How a contract suite gets a fresh store for each case and, if it needs it, lets it go. */
export interface StoreFactory<Store, Seed extends unknown[] = []> {
  /** Makes a fresh, empty store for one case. */
  readonly create: (...seed: Seed) => Store | Promise<Store>;
  /** Lets a case's store go (closes its connections, drops its database) once the case is done. */
  readonly dispose?: ((store: Store) => void | Promise<void>) | undefined;
}

/** A case body run against a fresh store, disposed of afterwards even if the case fails. */
export function withStore<Store, Seed extends unknown[]>(
  factory: StoreFactory<Store, Seed>,
  seed: Seed,
  body: (store: Store) => Promise<void>,
): ContractCaseBody {
  return async () => {
    const store = await factory.create(...seed);
    try {
      await body(store);
    } finally {
      await factory.dispose?.(store);
    }
  };
}

/**
 * A case only some stores can pass: it runs when the store declares the capability and is
 * otherwise reported as skipped (where the runner's `it` has a `skip`), with the reason in its title.
 */
export function optionalCase(
  it: ContractIt,
  declared: boolean | undefined,
  capability: string,
  reason: string,
  title: string,
  body: ContractCaseBody,
): void {
  if (declared === true) it(title, body);
  else it.skip?.(`${title} [skipped: capability '${capability}' not declared; ${reason}]`, body);
}
