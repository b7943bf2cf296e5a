/** The field tags this model speaks, as the client protocol spells them. */
export const Tag = {
  transactionId: 'NM_A_SZ_TRANSACTION_ID',
  resultCode: 'NM_A_SZ_RESULT_CODE',
  userId: 'NM_A_SZ_USERID',
  credentials: 'NM_A_SZ_CREDENTIALS',
  userAgent: 'NM_A_SZ_USER_AGENT',
  build: 'NM_A_UD_BUILD',
  ipAddress: 'nnmIPAddress',
  keepalive: 'NM_A_UD_KEEPALIVE',
  status: 'NM_A_SZ_STATUS',
  statusText: 'NM_A_SZ_STATUS_TEXT',
  dn: 'NM_A_SZ_DN',
  authAttribute: 'NM_A_SZ_AUTH_ATTRIBUTE',
  userDetails: 'NM_A_FA_USER_DETAILS',
  contactList: 'NM_A_FA_CONTACT_LIST',
  cn: 'CN',
  givenName: 'Given Name',
  surname: 'Surname',
  fullName: 'Full Name',
} as const;

/** The protocol version a client announces in `NM_A_UD_BUILD`. */
export const PROTOCOL_BUILD = 2;

/** The port GroupWise Messenger listens on unless a custom one is set. */
export const GROUPWISE_PORT = 8300;
