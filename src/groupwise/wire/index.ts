// The GroupWise Messenger client protocol: requests as text over HTTP/1.0 POST, replies and events in binary.
export { GroupWiseProtocolError, type GroupWiseProtocolErrorCode } from './protocol-error.js';
export {
  FieldType,
  FieldMethod,
  MAX_FIELD_STRING_BYTES,
  textField,
  dnField,
  numberField,
  arrayField,
  findField,
  fieldText,
  fieldNumber,
  methodChar,
  methodOfChar,
  isFieldType,
  type GroupWiseField,
  type FieldHead,
  type TextField,
  type NumberField,
  type BinaryField,
  type ArrayField,
  type TextType,
  type NumberType,
  type ArrayType,
} from './field.js';
export { Tag, PROTOCOL_BUILD, GROUPWISE_PORT } from './tags.js';
export { ResultCode, resultName, formatResultCode, statusOfResult, type ResultCodeKey } from './result-code.js';
export { GroupWiseStatus, PRESENCE_GROUPWISE_STATUS, statusName } from './user-status.js';
export { urlEscape, urlUnescape } from './url-escape.js';
export { encodeRequest, MAX_DEPTH, type GroupWiseRequest } from './request.js';
export {
  RequestDecoder,
  decodeRequests,
  DEFAULT_MAX_REQUEST_LENGTH,
  type RequestDecoderOptions,
  type RequestSink,
} from './request-decoder.js';
export { encodeResponse, decodeReply, type GroupWiseResponse, type GroupWiseReply } from './response.js';
export {
  encodeEvent,
  EventType,
  FIRST_EVENT_TYPE,
  LAST_EVENT_TYPE,
  type GroupWiseEvent,
  type EventHead,
  type StatusChangeEvent,
  type UserDisconnectEvent,
  type ServerDisconnectEvent,
} from './event.js';
export {
  ReplyDecoder,
  decodeReplies,
  DEFAULT_MAX_REPLY_LENGTH,
  type ReplyDecoderOptions,
  type ReplySink,
} from './reply-decoder.js';
export {
  loginRequest,
  pingRequest,
  setStatusRequest,
  resultFields,
  loginRecordFields,
  resultCodeOf,
  type LoginFields,
  type LoginRecord,
} from './commands.js';
