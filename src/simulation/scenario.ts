import { z } from 'zod';
import { GROUPWISE_DEFAULTS, SAMETIME_DEFAULTS, describeIssues } from '../config/bes-config.js';
import { ConfigError } from '../config/config-error.js';
import { ownData } from '../config/own-data.js';
import { MAX_SEED_LENGTH } from '../random/seeded-random.js';
import { estimateRunEvents, MAX_RUN_EVENTS } from './event-estimate.js';

/** The shortest duration a scenario may give: one virtual second (a run counts whole milliseconds). */
export const MIN_SCENARIO_MINUTES = 1 / 60;
/** The longest duration a scenario may give: 366 days, the longest period. */
export const MAX_SCENARIO_MINUTES = 366 * 24 * 60;

/** A duration in minutes of virtual time, from one second to 366 days. */
const minutes = z
  .number()
  .min(MIN_SCENARIO_MINUTES, 'at least 1/60 (one virtual second)')
  .max(MAX_SCENARIO_MINUTES, 'at most 527040 (366 days)');
/** A probability. */
const share = z.number().min(0).max(1);

const besSchema = z.strictObject({
  maxSessions: z.number().int().positive().nullable().default(600).meta({
    description:
      'Maximum simultaneous sessions; logins under way count. null: no maximum (then the Sametime API limit answers Failed). At most sametimeSessionLimit.',
  }),
  idleTimeoutMinutes: minutes.nullable().default(45).meta({
    description:
      'Once the maximum is reached, sessions with no status message for this many virtual minutes (and any out of coverage) are logged out to admit a login. null: none.',
  }),
  inactivityTimeoutMinutes: minutes.nullable().default(60).meta({
    description:
      'Any session with no status message for this many virtual minutes is closed, maximum reached or not. null: none.',
  }),
  collaborationService: z.enum(['local', 'remote']).default('local').meta({
    description:
      'Where the BlackBerry Collaboration Service runs: "local" (on the BES computer) or "remote" (requests cross port 3200 still encrypted).',
  }),
  sametimeSessionLimit: z
    .number()
    .int()
    .positive()
    .max(10_000_000, 'at most 10,000,000 (no run has more devices)')
    .default(SAMETIME_DEFAULTS.sessionLimit)
    .meta({
      description:
        "Sessions the Sametime API supports (the Failed rule when there is no maximum); also the simulated server's capacity. At most 10,000,000.",
    }),
  groupwiseSessionLimit: z
    .number()
    .int()
    .positive()
    .max(10_000_000, 'at most 10,000,000 (no run has more devices)')
    .default(GROUPWISE_DEFAULTS.sessionLimit)
    .meta({
      description:
        'With "backend": "groupwise": the sessions the GroupWise protocol supports (Failed (300) when there is no maximum); also the simulated Messaging Agent\'s "Maximum number of users". Default 5120, at most 10,000,000.',
    }),
});

/** The most devices a run may have: what memory allows, and what one packed key can name. */
export const MAX_DEVICES = 10_000_000;

const usersSchema = z.strictObject({
  count: z
    .number()
    .int()
    .positive()
    .max(
      MAX_DEVICES,
      `at most ${MAX_DEVICES.toLocaleString('en-US')} devices: a device's PIN and its first login are packed into one number, and 10,000,000 fit in the default heap`,
    )
    .default(3000)
    .meta({
      description:
        'Users, one BlackBerry device each (PINs 21000001, 21000002, ...; user ids user1, user2, ...). At most 10,000,000.',
    }),
  permittedShare: share.default(0.98).meta({
    description:
      'The share of users the Configuration Database permits to use the collaboration client, 0 to 1 (rounded to whole users); the others are drawn at random and get Access Denied.',
  }),
  wrongPasswordRate: share.default(0.02).meta({
    description: 'The chance, 0 to 1, that a login attempt carries a wrong password (Authentication Failed).',
  }),
});

const coverageSchema = z.strictObject({
  lossesPerHour: z.number().min(0).max(3600, 'at most 3600 (one a second)').default(0.3).meta({
    description: 'How often a device in a session leaves coverage, per hour (Poisson). 0: never; at most 3600.',
  }),
  minutesOut: minutes.default(15).meta({
    description:
      'Mean virtual minutes out of coverage (exponential); back in coverage the device sends its status at once.',
  }),
});

const behaviourSchema = z.strictObject({
  offlineMinutes: minutes
    .default(120)
    .meta({ description: "Mean virtual minutes between a user's sessions, and before the first login (exponential)." }),
  sessionMinutes: minutes
    .default(30)
    .meta({ description: 'Mean virtual minutes a user means to stay logged in (exponential).' }),
  retries: z.number().int().min(0).max(100, 'at most 100').default(2).meta({
    description:
      'How many times in a row a user turned away (Server Busy, Failed, wrong password) tries again before giving up until the next session, at most 100. Access Denied: never.',
  }),
  retryMinutes: minutes.default(5).meta({ description: 'Mean virtual minutes before trying again (exponential).' }),
  statusIntervalMinutes: minutes
    .default(30)
    .meta({ description: 'How often, in virtual minutes, a device in a session sends a status message.' }),
  silentShare: share.default(0.15).meta({
    description:
      'The share of sessions, 0 to 1, that end without a logout: the device just stops sending status messages (switched off, flat battery) and the session is left to the timeouts.',
  }),
  coverage: coverageSchema
    .prefault({})
    .meta({ description: 'Wireless coverage: how often a device in a session loses it, and for how long.' }),
});

/**
 * A population of BlackBerry users logging in to Sametime through one BES over a virtual period.
 * Every field has a default; `{}` is the built-in default scenario.
 */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().meta({
      description:
        "The JSON Schema this file follows, for editors: a path or URL of bes-collab's scenario.schema.json. Not part of the scenario.",
    }),
    name: z
      .string()
      .min(1)
      .max(200)
      .default('default')
      .meta({ description: "The scenario's name, shown in the summary." }),
    seed: z
      .union([z.number(), z.string().max(MAX_SEED_LENGTH, `at most ${MAX_SEED_LENGTH} characters`)])
      .default(42)
      .meta({
        description:
          'A number or a string of at most 1024 characters: the same scenario and seed give the same figures, on every machine.',
      }),
    hours: z
      .number()
      .min(1 / 60, 'at least 1/60 (one virtual minute)')
      .max(24 * 366, 'at most 8784 (366 days)')
      .default(8)
      .meta({ description: 'The virtual period, in hours: from 1/60 (a minute) to 8784 (366 days).' }),
    backend: z.enum(['sametime', 'groupwise']).default('sametime').meta({
      description:
        'The IM server behind the BES: "sametime" (IBM Lotus Sametime on 1533) or "groupwise" (Novell GroupWise Messenger on 8300, through the SSL stand-in).',
    }),
    bes: besSchema.prefault({}).meta({
      description: 'The BES: its maximum number of sessions, its timeouts and where its Collaboration Service runs.',
    }),
    users: usersSchema.prefault({}).meta({
      description:
        'The population: how many users, how many of them are permitted, how often they mistype their password.',
    }),
    behaviour: behaviourSchema
      .prefault({})
      .meta({ description: 'How the users behave: when they log in and out, how they retry, how their devices talk.' }),
    fidelity: z.enum(['wire', 'logic']).default('wire').meta({
      description:
        'How much the BES models: "wire", every byte compressed, sealed and in Sametime\'s protocol; "logic", the same admission rules and figures without the bytes (air figures are 0), for capacity questions at a fraction of the cost.',
    }),
  })
  .superRefine((scenario, context) => {
    const events = estimateRunEvents(scenario);
    if (events > MAX_RUN_EVENTS) {
      context.addIssue({
        code: 'custom',
        path: [],
        message: `a run of about ${events.toExponential(1)} events (logins and retries, status messages, coverage changes, logouts) is more than the ${MAX_RUN_EVENTS.toLocaleString('en-US')} one run can do: fewer users or hours, or longer behaviour.statusIntervalMinutes, retryMinutes or offlineMinutes`,
      });
    }
    const { maxSessions, sametimeSessionLimit, groupwiseSessionLimit } = scenario.bes;
    if (scenario.backend === 'groupwise') {
      if (maxSessions !== null && maxSessions > groupwiseSessionLimit) {
        context.addIssue({
          code: 'custom',
          path: ['bes', 'maxSessions'],
          message: `${maxSessions} is more than the ${groupwiseSessionLimit} sessions the GroupWise protocol supports (bes.groupwiseSessionLimit)`,
        });
      }
    } else if (maxSessions !== null && maxSessions > sametimeSessionLimit) {
      context.addIssue({
        code: 'custom',
        path: ['bes', 'maxSessions'],
        message: `${maxSessions} is more than the ${sametimeSessionLimit} sessions the Sametime API supports (bes.sametimeSessionLimit)`,
      });
    }
  })
  .meta({
    title: 'bes-collab scenario',
    description:
      'A population of BlackBerry users logging in to IBM Sametime through one BlackBerry Enterprise Server over a virtual period. Every field is optional; {} is the default scenario.',
  });

/** A scenario as written: every field optional. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario with every default filled in (and no `$schema`: it is for editors only). */
export type Scenario = Omit<z.output<typeof scenarioSchema>, '$schema'>;

/**
 * Validates a scenario and fills in its defaults. A bad one throws `ConfigError` whose message
 * names every offending field (`scenario.users.count: Too small: expected number to be >0`), or
 * `scenario` itself for one whose run would take more than `MAX_RUN_EVENTS` events. Only own
 * properties are read.
 */
export function parseScenario(input: unknown): Scenario {
  const parsed = scenarioSchema.safeParse(ownData(input === undefined ? {} : input));
  if (parsed.success) {
    const { $schema: _editorsOnly, ...scenario } = ownData(parsed.data);
    return scenario;
  }
  const { message, fields } = describeIssues('scenario', parsed.error);
  throw new ConfigError(`invalid scenario: ${message}`, fields);
}
