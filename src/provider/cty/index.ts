export { CtyCodecError, decodeMsgpack, encodeMsgpack } from "./codec";
export { valuesEqual } from "./equality";
export { CtyJsonError, decodeJsonState } from "./json-state";
export { MsgpackError, MsgpackReader } from "./msgpack-reader";
export { MsgpackWriter } from "./msgpack-writer";
export { CtyNumberError, numberFromString, numbersEqual } from "./numbers";
export {
  type CtyType,
  CtyTypeError,
  cty,
  friendlyTypeName,
  type ObjectType,
  typeEquals,
  typeFromJson,
  typeFromJsonBytes,
  typeToJson,
  typeToJsonBytes,
} from "./types";
export {
  containsUnknown,
  type CtyNumber,
  type CtyObjectValue,
  type CtyValue,
  Decimal,
  Dynamic,
  isCtyNumber,
  isPlainObject,
  isUnknown,
  type NumberBound,
  type Refinements,
  Unknown,
  unknown,
  unknownsToNull,
} from "./values";
