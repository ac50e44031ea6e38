// Detach keys: docker's key-sequence syntax (moby/term ToBytes) and the detector that watches
// the keystrokes going to a TTY container for the sequence (moby/term's escape proxy), with
// the same pass-through rules: a partial sequence is held back until the next key shows
// whether it continues; a key that breaks it releases the held keys, unchanged, before it.

/** ctrl-p, ctrl-q */
export const DEFAULT_DETACH_KEYS: readonly number[] = [16, 17];

const CTRL = '@abcdefghijklmnopqrstuvwxyz[\\]^_';

/** Parses `ctrl-p,ctrl-q`-style sequences; throws with moby/term's message. */
export function detachKeysToBytes(keys: string): number[] {
  const codes: number[] = [];
  for (const key of keys.split(',')) {
    // Go measures the key in bytes
    if (Buffer.byteLength(key, 'utf8') === 1) {
      codes.push(key.charCodeAt(0));
      continue;
    }
    const m = /^ctrl-(.)$/s.exec(key);
    const i = m ? CTRL.indexOf(m[1]!) : -1;
    if (i >= 0) codes.push(i);
    else if (key === 'DEL') codes.push(127);
    else throw new Error(`unknown character: '${key}'`);
  }
  return codes;
}

/** The detach sequence in effect: the flag, else config.json's detachKeys, else ctrl-p,ctrl-q. */
export function effectiveDetachKeys(spec: string | undefined): number[] {
  if (!spec) return [...DEFAULT_DETACH_KEYS];
  try {
    return detachKeysToBytes(spec);
  } catch {
    // docker 28 falls back to the default sequence (after a debug-level warning)
    return [...DEFAULT_DETACH_KEYS];
  }
}

export interface EscapeResult {
  /** bytes to send on (the input with the detach sequence taken out) */
  data: Buffer;
  /** the whole sequence was typed: `data` holds what came before it in this chunk */
  detached: boolean;
}

const EMPTY = Buffer.alloc(0);

/**
 * Chunk-wise version of moby/term's escapeProxy. A chunk with no byte of the sequence in it is
 * returned as it is (no copy).
 */
export class EscapeDetector {
  private pos = 0;
  private done = false;

  constructor(private readonly keys: readonly number[]) {}

  /** bytes of a partial sequence currently held back */
  get pending(): number {
    return this.pos;
  }

  get detached(): boolean {
    return this.done;
  }

  push(chunk: Buffer): EscapeResult {
    const keys = this.keys;
    if (this.done) return { data: EMPTY, detached: true };
    if (keys.length === 0) return { data: chunk, detached: false };
    const n = chunk.length;
    // fast path: nothing held and the first key nowhere in the chunk
    if (this.pos === 0 && chunk.indexOf(keys[0]!) < 0) return { data: chunk, detached: false };

    const out: Buffer[] = [];
    let start = 0; // first byte of `chunk` not yet emitted or held
    let heldInChunk = 0; // bytes of the current partial match that lie in this chunk
    for (let i = 0; i < n; i++) {
      const c = chunk[i]!;
      if (c === keys[this.pos]) {
        if (this.pos === 0) {
          // a possible sequence starts: what precedes it is safe to send
          if (i > start) out.push(chunk.subarray(start, i));
          start = i;
          heldInChunk = 0;
        }
        this.pos++;
        heldInChunk++;
        if (this.pos === keys.length) {
          this.done = true;
          return { data: concat(out), detached: true };
        }
        continue;
      }
      if (this.pos > 0) {
        // the held keys were not the sequence after all: they go out unchanged, and (as in
        // docker) the breaking key is not itself taken as the start of a new sequence
        const fromEarlier = this.pos - heldInChunk;
        if (fromEarlier > 0) out.push(Buffer.from(keys.slice(0, fromEarlier)));
        this.pos = 0;
        heldInChunk = 0;
        // bytes from `start` (held in this chunk) through i are emitted as a run below
        continue;
      }
    }
    // everything from `start` up to the held tail goes out
    const end = n - heldInChunk;
    if (end > start) out.push(chunk.subarray(start, end));
    return { data: concat(out), detached: false };
  }
}

function concat(parts: Buffer[]): Buffer {
  if (parts.length === 0) return EMPTY;
  if (parts.length === 1) return parts[0]!;
  return Buffer.concat(parts);
}
