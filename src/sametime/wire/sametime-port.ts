/** The Sametime community port: "port 1533 unless you specify a custom port number". */
export const SAMETIME_PORT = 1533;
