/**
 * JSON text to a tree that keeps what JSON.parse loses and encoding/json sees: number
 * literals exactly as written (int64 beyond 2^53, 1.0 vs 1), object members in order
 * (duplicates included), and keys such as "__proto__" as plain keys. The reader is
 * gojson.ts's `readJson`, set to read as encoding/json does.
 */
import { readJson, type Raw, type ReadJsonOptions } from '../gojson.js';

export { RawNumber, RawObject, type Raw } from '../gojson.js';

export class RawJsonError extends Error {}

const ENCODING_JSON: ReadJsonOptions = {
  error: (offset) => new RawJsonError(`invalid character at offset ${offset}`),
  maxDepth: 10000,
  depthError: () => new RawJsonError('exceeded max depth'),
  replaceLoneSurrogates: true,
};

export function parseRawJson(text: string): Raw {
  return readJson(text, ENCODING_JSON);
}
