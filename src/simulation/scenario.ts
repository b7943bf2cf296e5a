import { z } from 'zod';
import { SAMETIME_DEFAULTS, describeIssues } from '../config/bes-config.js';
import { ConfigError } from '../config/config-error.js';

/** A duration in minutes of virtual time. */
const minutes = z.number().positive();
/** A probability. */
const share = z.number().min(0).max(1);

const besSchema = z.strictObject({
  /** Maximum simultaneous sessions; `null`: no maximum (only the Sametime API limit applies). */
  maxSessions: z.number().int().positive().nullable().default(600),
  /** Step 4's idle timeout, once the maximum is reached; `null`: none. */
  idleTimeoutMinutes: minutes.nullable().default(45),
  /** BES 5's inactivity timeout, maximum reached or not; `null`: none. */
  inactivityTimeoutMinutes: minutes.nullable().default(60),
  /** Step 3: the Collaboration Service on the BES computer or on a remote one. */
  collaborationService: z.enum(['local', 'remote']).default('local'),
  /** The total number of sessions the Sametime API supports (step 4's Failed rule), also the server's capacity. */
  sametimeSessionLimit: z.number().int().positive().default(SAMETIME_DEFAULTS.sessionLimit),
});

const usersSchema = z.strictObject({
  /** Users, one BlackBerry device each. */
  count: z.number().int().positive().max(100_000).default(3000),
  /** The share of them the Configuration Database permits to use the collaboration client (rounded to whole users). */
  permittedShare: share.default(0.98),
  /** The chance that a login attempt carries a wrong password. */
  wrongPasswordRate: share.default(0.02),
});

const coverageSchema = z.strictObject({
  /** How often a device in a session loses coverage, per hour (Poisson); 0: never. */
  lossesPerHour: z.number().min(0).default(0.3),
  /** Mean time out of coverage (exponential). */
  minutesOut: minutes.default(15),
});

const behaviourSchema = z.strictObject({
  /** Mean time between a user's sessions (exponential); also the mean wait before the first login. */
  offlineMinutes: minutes.default(120),
  /** Mean time a user means to stay logged in (exponential). */
  sessionMinutes: minutes.default(30),
  /**
   * How many times in a row a user turned away (server busy, failed, wrong password) tries again,
   * after `retryMinutes` on average, before giving up until the next session. Access denied: never.
   */
  retries: z.number().int().min(0).default(2),
  /** Mean wait before trying again (exponential). */
  retryMinutes: minutes.default(5),
  /** How often a device in a session sends a status message. */
  statusIntervalMinutes: minutes.default(30),
  /**
   * The share of sessions that end without a logout: the device stops sending status messages
   * (switched off, flat battery) and the session is left to the idle and inactivity timeouts.
   */
  silentShare: share.default(0.15),
  coverage: coverageSchema.prefault({}),
});

/**
 * A population of BlackBerry users logging in to Sametime through one BES over a virtual period.
 * Every field has a default; `{}` is the built-in default scenario.
 */
export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1).max(200).default('default'),
    /** Same seed, same figures. */
    seed: z.union([z.number(), z.string()]).default(42),
    /** The virtual period, in hours. */
    hours: z.number().positive().max(24 * 366).default(8),
    bes: besSchema.prefault({}),
    users: usersSchema.prefault({}),
    behaviour: behaviourSchema.prefault({}),
  })
  .superRefine((scenario, context) => {
    const { maxSessions, sametimeSessionLimit } = scenario.bes;
    if (maxSessions !== null && maxSessions > sametimeSessionLimit) {
      context.addIssue({
        code: 'custom',
        path: ['bes', 'maxSessions'],
        message: `${maxSessions} is more than the ${sametimeSessionLimit} sessions the Sametime API supports (bes.sametimeSessionLimit)`,
      });
    }
  });

/** A scenario as written: every field optional. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;

/**
 * Validates a scenario and fills in its defaults. A bad one throws `ConfigError` whose message
 * names every offending field (`scenario.users.count: Too small: expected number to be >0`).
 */
export function parseScenario(input: unknown): Scenario {
  const parsed = scenarioSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const { message, fields } = describeIssues('scenario', parsed.error);
  throw new ConfigError(`invalid scenario: ${message}`, fields);
}
