/** The field tags this model speaks, as the client protocol spells them. */
export const Tag = {
  /** 'NM_A_SZ_TRANSACTION_ID': the transaction id. */
  transactionId: 'NM_A_SZ_TRANSACTION_ID',
  /** 'NM_A_SZ_RESULT_CODE': the result code. */
  resultCode: 'NM_A_SZ_RESULT_CODE',
  /** 'NM_A_SZ_USERID': the user id. */
  userId: 'NM_A_SZ_USERID',
  /** 'NM_A_SZ_CREDENTIALS': the credentials. */
  credentials: 'NM_A_SZ_CREDENTIALS',
  /** 'NM_A_SZ_USER_AGENT': the user agent. */
  userAgent: 'NM_A_SZ_USER_AGENT',
  /** 'NM_A_UD_BUILD': the build. */
  build: 'NM_A_UD_BUILD',
  /** 'nnmIPAddress': the ip address. */
  ipAddress: 'nnmIPAddress',
  /** 'NM_A_UD_KEEPALIVE': the keepalive. */
  keepalive: 'NM_A_UD_KEEPALIVE',
  /** 'NM_A_SZ_STATUS': the status. */
  status: 'NM_A_SZ_STATUS',
  /** 'NM_A_SZ_STATUS_TEXT': the status text. */
  statusText: 'NM_A_SZ_STATUS_TEXT',
  /** 'NM_A_SZ_DN': the dn. */
  dn: 'NM_A_SZ_DN',
  /** 'NM_A_SZ_AUTH_ATTRIBUTE': the auth attribute. */
  authAttribute: 'NM_A_SZ_AUTH_ATTRIBUTE',
  /** 'NM_A_FA_USER_DETAILS': the user details. */
  userDetails: 'NM_A_FA_USER_DETAILS',
  /** 'NM_A_FA_CONTACT_LIST': the contact list. */
  contactList: 'NM_A_FA_CONTACT_LIST',
  /** 'CN': the cn. */
  cn: 'CN',
  /** 'Given Name': the given name. */
  givenName: 'Given Name',
  /** 'Surname': the surname. */
  surname: 'Surname',
  /** 'Full Name': the full name. */
  fullName: 'Full Name',
} as const;

/** The protocol version a client announces in `NM_A_UD_BUILD`. */
export const PROTOCOL_BUILD = 2;

/** The port GroupWise Messenger listens on unless a custom one is set. */
export const GROUPWISE_PORT = 8300;
