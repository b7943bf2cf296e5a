/** The BES packet limit: no payload between device and server is larger, before or after compression. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

/** The largest sealed body: a 64 KB payload that deflate could not shrink, plus framing and the MAC. */
export const MAX_BODY_BYTES = MAX_PAYLOAD_BYTES + 1024;
