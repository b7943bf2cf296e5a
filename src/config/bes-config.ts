import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { ownData } from './own-data.js';

const port = z.number().int().min(1).max(65535);
const milliseconds = z.number().int().positive();

/** Sametime defaults: the seed's port 1533; no published API limit, so the model picks one. */
export const SAMETIME_DEFAULTS = {
  /** The Sametime server's host name. */
  host: 'sametime.example',
  /** The Sametime server's port. */
  port: 1533,
  /** Sessions the Sametime API is taken to support (the Failed rule when there is no maximum). */
  sessionLimit: 10_000,
  /** How long a login may wait for the Sametime server. */
  loginTimeoutMs: 30_000,
} as const;

const sametimeSchema = z.strictObject({
  /** The Sametime server's host name. */
  host: z.string().min(1).default(SAMETIME_DEFAULTS.host),
  /** Step 4: "port 1533 unless you specify a custom port number". */
  port: port.default(SAMETIME_DEFAULTS.port),
  /** The total number of sessions the Sametime API supports (step 4's Failed rule). */
  sessionLimit: z.number().int().positive().default(SAMETIME_DEFAULTS.sessionLimit),
  /** How long the Collaboration Service waits for Sametime before answering Failed. */
  loginTimeoutMs: milliseconds.default(SAMETIME_DEFAULTS.loginTimeoutMs),
});

/**
 * GroupWise Messenger defaults: port 8300; the session limit is what the protocol supports, the
 * Messaging Agent's "Maximum number of users" (5120 unless an administrator changes it).
 */
export const GROUPWISE_DEFAULTS = {
  host: 'groupwise.example',
  port: 8300,
  sessionLimit: 5120,
  loginTimeoutMs: 30_000,
} as const;

const groupwiseSchema = z.strictObject({
  /** The GroupWise Messenger server's host name. */
  host: z.string().min(1).default(GROUPWISE_DEFAULTS.host),
  /** The encrypted proxy (SSL) connection's port: 8300 unless a custom one is set. */
  port: port.default(GROUPWISE_DEFAULTS.port),
  /** The total sessions the GroupWise protocol supports (the Failed (300) rule). */
  sessionLimit: z.number().int().positive().default(GROUPWISE_DEFAULTS.sessionLimit),
  /** How long the Collaboration Service waits for GroupWise before answering Failed. */
  loginTimeoutMs: milliseconds.default(GROUPWISE_DEFAULTS.loginTimeoutMs),
});

/** The BES settings the login path reads: the Configuration Database's, plus ports and placement. */
export const besConfigSchema = z.strictObject({
  /** Maximum simultaneous sessions between the Collaboration Service and the IM server. Unset: no maximum. */
  maxSessions: z.number().int().positive().exactOptional(),
  /** Step 4's "timeout limit": once the maximum is reached, sessions idle this long are logged out. */
  idleTimeoutMs: milliseconds.exactOptional(),
  /** BES 5: any session idle this long is logged out, maximum reached or not. */
  inactivityTimeoutMs: milliseconds.exactOptional(),
  /** The SRP port between the BlackBerry Router and the Dispatcher. */
  srpPort: port.default(3101),
  /** The Collaboration Service's port. */
  collaborationServicePort: port.default(3200),
  /** Step 3: whether the Collaboration Service is on the BES computer or a remote one. */
  collaborationService: z.enum(['local', 'remote']).default('local'),
  /** The Sametime server the Collaboration Service logs users in to, and the limits of its API. */
  sametime: sametimeSchema.default({ ...SAMETIME_DEFAULTS }),
  /** Read by `groupwiseBackend()`: the GroupWise Messenger server. */
  groupwise: groupwiseSchema.default({ ...GROUPWISE_DEFAULTS }),
  /**
   * This BES / Collaboration Service instance's name in a shared Configuration Database: it owns
   * the sessions whose IM connection it holds, and it is part of every session and reservation id.
   * Default: derived from the seed (`bes-` and eight hex digits).
   */
  instanceId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash and underscore, at most 64')
    .exactOptional(),
  /** How long any one call to a session or permission store may take before the request is answered Failed (`store-timeout`). */
  storeTimeoutMs: milliseconds.default(10_000),
  /** How long any one call to the IM backend may take (the Collaboration Service's own deadline, `backend-timeout`). */
  backendTimeoutMs: milliseconds.default(35_000),
  /** How long a login's reservation holds its slot if its instance dies mid-login. Default: the backend timeout plus two store timeouts. */
  reservationLeaseMs: milliseconds.exactOptional(),
  /**
   * With a shared store: the instance renews its lease this often (a third of it) and reaps
   * instances whose lease has passed, so sessions of a killed instance are logged out. Unset
   * (default): no instance leases, as for a store only this BES uses.
   */
  instanceLeaseMs: milliseconds.exactOptional(),
  /** A user's wrong activation passwords (and so a lock-out) lapse this long after the last one, on the BES clock. Default: a day. */
  activationLockoutMs: milliseconds.default(24 * 60 * 60 * 1000),
  /** At most this many users' wrong-activation counts are held; beyond it, the one idle longest is dropped. */
  activationCounterLimit: z.number().int().positive().max(10_000_000).default(100_000),
  /** How often the instance looks for closes of its sessions begun elsewhere, when its store cannot tell it at once. */
  closePollMs: milliseconds.default(1_000),
});

/** The BES configuration as written: every field optional. */
export type BesConfigInput = z.input<typeof besConfigSchema>;
/** The BES configuration with every default filled in. */
export type BesConfig = z.output<typeof besConfigSchema>;

/** Issues a message spells out; the rest are counted (a list of 100,000 users may have 100,000). */
const ISSUES_IN_MESSAGE = 5;

/**
 * Turns zod issues into one message naming each field, e.g. `config.sametime.port: Too big`, and
 * the list of every field. The message spells out the first five issues and counts the others,
 * so a long user list with the same mistake in every entry gives a message one can read.
 */
export function describeIssues(prefix: string, error: z.ZodError): { message: string; fields: string[] } {
  const fields = error.issues.map((issue) =>
    [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.'),
  );
  const lines = error.issues.slice(0, ISSUES_IN_MESSAGE).map((issue, i) => `${fields[i]}: ${issue.message}`);
  const more = error.issues.length - lines.length;
  if (more > 0) lines.push(`and ${more} more`);
  return { message: lines.join('; '), fields };
}

/**
 * Validates a BES configuration, filling in defaults. A bad one throws `ConfigError` naming the
 * field. Only the input's own properties are read, and the result's objects have a null
 * prototype, so nothing planted on `Object.prototype` becomes a setting.
 */
export function parseBesConfig(input: unknown): BesConfig {
  const parsed = besConfigSchema.safeParse(ownData(input ?? {}));
  if (parsed.success) return ownData(parsed.data);
  const { message, fields } = describeIssues('config', parsed.error);
  throw new ConfigError(`invalid BES configuration: ${message}`, fields);
}
