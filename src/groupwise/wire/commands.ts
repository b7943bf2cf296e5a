import { arrayField, dnField, fieldText, numberField, textField, type GroupWiseField } from './field.js';
import type { GroupWiseRequest } from './request.js';
import { ResultCode } from './result-code.js';
import { PROTOCOL_BUILD, Tag } from './tags.js';

/** What a client's `login` request carries besides its transaction id. */
export interface LoginFields {
  /** NM_A_SZ_USERID. */
  readonly userId: string;
  /** Clear text: the connection around the protocol (TLS) protects it. */
  readonly password: string;
  /** NM_A_SZ_USER_AGENT: what the client calls itself. */
  readonly userAgent: string;
  /** `<address>:<port>` of the server, for the Host header. */
  readonly host: string;
  /** The client's own address, when it says (`nnmIPAddress`). */
  readonly ipAddress?: string;
}

function withTransaction(transactionId: number, fields: readonly GroupWiseField[]): GroupWiseField[] {
  return [...fields, textField(Tag.transactionId, String(transactionId))];
}

/** `POST /login`: user id, credentials, user agent, build 2, the client's address, the transaction id. */
export function loginRequest(transactionId: number, login: LoginFields): GroupWiseRequest {
  const fields: GroupWiseField[] = [
    textField(Tag.userId, login.userId),
    textField(Tag.credentials, login.password),
    textField(Tag.userAgent, login.userAgent),
    numberField(Tag.build, PROTOCOL_BUILD),
  ];
  if (login.ipAddress !== undefined) fields.push(textField(Tag.ipAddress, login.ipAddress));
  return { command: 'login', host: login.host, fields: withTransaction(transactionId, fields) };
}

/** `POST /ping`: the keepalive, the transaction id only. */
export function pingRequest(transactionId: number): GroupWiseRequest {
  return { command: 'ping', fields: withTransaction(transactionId, []) };
}

/** `POST /setstatus` with the status number as text (and an optional status text). */
export function setStatusRequest(transactionId: number, status: number, text?: string): GroupWiseRequest {
  const fields = [textField(Tag.status, String(status))];
  if (text !== undefined) fields.push(textField(Tag.statusText, text));
  return { command: 'setstatus', fields: withTransaction(transactionId, fields) };
}

/** A reply's fields: the transaction id and the result code, both as text, then `extra`. */
export function resultFields(
  transactionId: string | undefined,
  resultCode: number,
  extra: readonly GroupWiseField[] = [],
): GroupWiseField[] {
  const fields: GroupWiseField[] = [];
  if (transactionId !== undefined) fields.push(textField(Tag.transactionId, transactionId));
  fields.push(textField(Tag.resultCode, String(resultCode)), ...extra);
  return fields;
}

/** What a successful login reply tells the client about its user. */
export interface LoginRecord {
  /** The user's distinguished name. */
  readonly dn: string;
  /** The user id the client logged in with. */
  readonly userId: string;
  /** The user's full name. */
  readonly fullName: string;
  /** Minutes between the client's pings. */
  readonly keepaliveMinutes: number;
  /** The user's status at login (`GroupWiseStatus`). */
  readonly status: number;
}

/** A successful login reply's fields after the result code: the user's record and the keepalive interval. */
export function loginRecordFields(record: LoginRecord): GroupWiseField[] {
  return [
    arrayField(Tag.userDetails, [
      dnField(Tag.dn, record.dn),
      textField(Tag.authAttribute, record.userId),
      textField(Tag.cn, record.userId),
      textField(Tag.fullName, record.fullName),
      textField(Tag.status, String(record.status)),
    ]),
    numberField(Tag.keepalive, record.keepaliveMinutes),
    arrayField(Tag.contactList, []),
  ];
}

/**
 * A reply's result code, as real servers send it (decimal text) or, liberally, as a number. A reply
 * without one, or with one that is not a number, reads as `server-protocol`.
 */
export function resultCodeOf(fields: readonly GroupWiseField[]): number {
  const text = fieldText(fields, Tag.resultCode);
  if (text === undefined || !/^\s*\d{1,10}\s*$/.test(text)) return ResultCode.serverProtocol;
  return Number(text.trim());
}
