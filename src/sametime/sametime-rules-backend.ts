import type { BackendFactory, ImBackend } from '../pipeline/im-backend.js';
import type { ImLoginFailure, ImReply, ImRequest } from '../pipeline/im-request.js';
import { ReasonCode } from './wire/reason-code.js';

/** Options of the Sametime server's rules without its bytes. */
export interface SametimeRulesBackendOptions {
  /** Sessions the server holds at most. Default: `config.sametime.sessionLimit`. */
  readonly capacity?: number;
}

/** The Sametime backend of `fidelity: 'logic'`, with the sessions its server holds. */
export interface SametimeRulesBackend extends ImBackend {
  readonly client: 'sametime';
  /** Sessions open at the modelled server. */
  readonly openSessionCount: number;
}

const USER_UNREGISTERED: ImLoginFailure = Object.freeze({
  status: 'authentication-failed',
  reasonCode: ReasonCode.userUnregistered,
  reason: 'user-unregistered',
});
const INCORRECT_LOGIN: ImLoginFailure = Object.freeze({
  status: 'authentication-failed',
  reasonCode: ReasonCode.incorrectLogin,
  reason: 'incorrect-login',
});
const SERVER_FULL: ImLoginFailure = Object.freeze({
  status: 'failed',
  reasonCode: ReasonCode.serverFull,
  reason: 'server-full',
});
const STATUS_OK: ImReply = Object.freeze({ kind: 'status', ok: true });
const STATUS_CLOSED: ImReply = Object.freeze({ kind: 'status', ok: false, reason: 'session-closed' });
const WAS_OPEN: ImReply = Object.freeze({ kind: 'close', wasOpen: true });
const WAS_CLOSED: ImReply = Object.freeze({ kind: 'close', wasOpen: false });

/**
 * Sametime as `fidelity: 'logic'` sees it: the simulated server's rules in the order it checks them
 * (an unknown user, a wrong password, no room), its capacity and one connection per session, with
 * no 1533 protocol, no password protection and no bytes. The same logins get the same answers as
 * from `sametimeBackend()`, so admission comes out the same; what is left out is the cost.
 */
export function sametimeRulesBackend(options: SametimeRulesBackendOptions = {}): BackendFactory<SametimeRulesBackend> {
  return function sametimeRules(context): SametimeRulesBackend {
    const { config, users } = context;
    const capacity = options.capacity ?? config.sametime.sessionLimit;
    const open = new Set<string>();
    let connections = 0;
    const answer = (request: ImRequest): ImReply => {
      switch (request.kind) {
        case 'login': {
          const password = users.find(request.userId)?.password;
          if (password === undefined) return { kind: 'login', ok: false, failure: USER_UNREGISTERED };
          if (password !== request.password) return { kind: 'login', ok: false, failure: INCORRECT_LOGIN };
          if (open.size >= capacity) return { kind: 'login', ok: false, failure: SERVER_FULL };
          const connectionId = `st-${++connections}`;
          open.add(connectionId);
          return { kind: 'login', ok: true, connectionId };
        }
        case 'status':
          return open.has(request.connectionId) ? STATUS_OK : STATUS_CLOSED;
        case 'close':
          return open.delete(request.connectionId) ? WAS_OPEN : WAS_CLOSED;
      }
    };
    return {
      client: 'sametime',
      hop: 'sametime-adapter',
      sessionLimit: config.sametime.sessionLimit,
      serve: async function sametimeRules(request) {
        return answer(request);
      },
      // Every request is answered at once.
      answersWithinMs: 0,
      get openSessionCount() {
        return open.size;
      },
    };
  };
}
