// A user's first file: imports the published package by name and uses its public API.
import { createRandom, FrameKind, linkIdFor, SealedLink, TransportKey, VirtualClock } from 'bes-collab';
import * as testing from 'bes-collab/testing';
import { SAMETIME_PORT } from 'bes-collab/sametime';
import { createPostgresConfigurationDatabase, type PostgresClient } from 'bes-collab/postgres';
import { GROUPWISE_PORT } from 'bes-collab/groupwise';
import { runSessionStoreContract, type ContractTestApi } from 'bes-collab/testing';
import { describe, it } from 'node:test';

// node:test's describe and it are a test API the contract suites accept (checked by tsc, not run).
const nodeTest: ContractTestApi = { describe, it };

const key = TransportKey.generate(createRandom(1));
const linkId = linkIdFor('device:2100000A');
const device = new SealedLink({ key, linkId, sends: 'uplink' });
const bes = new SealedLink({ key, linkId, sends: 'downlink' });
const opened = bes.open(device.seal(FrameKind.loginRequest, new TextEncoder().encode('hello')));
// bes-collab/postgres loads with neither pg nor PGlite installed (optional peers): the user passes the client.
const client: PostgresClient = { query: async () => ({ rows: [] }), transaction: async (body) => body(client) };
const database = createPostgresConfigurationDatabase({ client });
const clock = new VirtualClock();
await clock.advance(10);
if (
  new TextDecoder().decode(opened.payload) !== 'hello' ||
  clock.now() !== 10 ||
  typeof testing !== 'object' ||
  SAMETIME_PORT !== 1533 ||
  database.schema !== 'bes_collab' ||
  GROUPWISE_PORT !== 8300 ||
  typeof runSessionStoreContract !== 'function' ||
  typeof nodeTest.it !== 'function'
) {
  throw new Error('the packed package does not work');
}
console.log('consumer: the packed bes-collab imports, type-checks and seals a frame');
