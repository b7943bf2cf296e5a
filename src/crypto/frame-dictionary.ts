/**
 * The preset deflate dictionary of the device <-> BES messages (see `pipeline/device-message.ts`):
 * the JSON those frames carry, rarest first and the login path last, since deflate codes nearer
 * matches in fewer bits. Both ends prime their deflate and inflate state with it before every
 * frame, so a 55-byte login request travels as 14 bytes, a login reply as 7 and a logout as 4.
 *
 * It is part of the frame format: a frame sealed with one dictionary does not open with another.
 * Change it only with the pinned test vector in `test/crypto/sealed-frame.test.ts`. ASCII, so its
 * bytes are its UTF-8 encoding.
 */
export const FRAME_DICTIONARY =
  '{"status":"failed","reason":"api-limit-reached"}' +
  '{"status":"access-denied","reason":"not-permitted"}' +
  '{"status":"authentication-failed","reason":"incorrect-login","reasonCode":}' +
  '{"status":"session-closed","reason":"idle-logout"}' +
  '{"status":"server-busy","reason":"maximum-reached"}' +
  '{"presence":"available"}' +
  '{"status":"ok"}' +
  '{"status":"logged-out"}' +
  '{"status":"accepted","sessionId":"session-"}' +
  '{"userId":"","password":"","client":"sametime"}';
