// Detach keys: docker's key syntax and the escape detector's pass-through rules, checked
// against a line-by-line port of moby/term's escapeProxy.Read under every chunking.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_DETACH_KEYS, EscapeDetector, detachKeysToBytes, effectiveDetachKeys } from '../../../src/tty/keys.js';

describe('detachKeysToBytes (moby/term ToBytes)', () => {
  it('parses ctrl keys, single characters, DEL and comma lists', () => {
    expect(detachKeysToBytes('ctrl-p,ctrl-q')).toEqual([16, 17]);
    expect(detachKeysToBytes('ctrl-@')).toEqual([0]);
    expect(detachKeysToBytes('ctrl-a,ctrl-z')).toEqual([1, 26]);
    expect(detachKeysToBytes('ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_')).toEqual([27, 28, 29, 30, 31]);
    expect(detachKeysToBytes('a,b,C')).toEqual([97, 98, 67]);
    expect(detachKeysToBytes('DEL')).toEqual([127]);
    expect(() => detachKeysToBytes(',')).toThrow("unknown character: ''");
    expect(detachKeysToBytes('x,ctrl-x,DEL')).toEqual([120, 24, 127]);
  });

  it("rejects what docker rejects, with moby/term's message", () => {
    expect(() => detachKeysToBytes('foo')).toThrow("unknown character: 'foo'");
    expect(() => detachKeysToBytes('ctrl-P')).toThrow("unknown character: 'ctrl-P'");
    expect(() => detachKeysToBytes('ctrl-p,')).toThrow("unknown character: ''");
    expect(() => detachKeysToBytes('')).toThrow("unknown character: ''");
    expect(() => detachKeysToBytes('é')).toThrow("unknown character: 'é'");
    expect(() => detachKeysToBytes('ctrl-1')).toThrow("unknown character: 'ctrl-1'");
  });

  it('falls back to ctrl-p,ctrl-q for an empty or invalid spec, as docker 28 does', () => {
    expect(effectiveDetachKeys(undefined)).toEqual([...DEFAULT_DETACH_KEYS]);
    expect(effectiveDetachKeys('')).toEqual([16, 17]);
    expect(effectiveDetachKeys('nope')).toEqual([16, 17]);
    expect(effectiveDetachKeys('ctrl-a')).toEqual([1]);
  });
});

/** moby/term escapeProxy.Read, ported statement by statement; reads of the whole input at once */
function goEscapeProxy(input: number[], keys: readonly number[]): { out: number[]; detached: boolean } {
  const buf = [...input];
  let pos = 0;
  let n = buf.length;
  for (let i = 0; i < n; i++) {
    if (buf[i] === keys[pos]) {
      pos++;
      if (pos === keys.length) {
        n = i + 1 - pos;
        if (n < 0) n = 0;
        return { out: buf.slice(0, n), detached: true };
      }
      continue;
    }
    // (i < pos only happens for a partial sequence carried over from an earlier read)
    pos = 0;
  }
  n -= pos;
  if (n < 0) n = 0;
  return { out: buf.slice(0, n), detached: false };
}

function feed(chunks: number[][], keys: readonly number[]): { out: number[]; detached: boolean } {
  const d = new EscapeDetector(keys);
  const out: number[] = [];
  for (const c of chunks) {
    const r = d.push(Buffer.from(c));
    out.push(...r.data);
    if (r.detached) return { out, detached: true };
  }
  return { out, detached: false };
}

describe('EscapeDetector', () => {
  const P = 16;
  const Q = 17;

  it('passes input without the first key through untouched (same buffer)', () => {
    const d = new EscapeDetector([P, Q]);
    const b = Buffer.from('hello world');
    expect(d.push(b).data).toBe(b);
  });

  it('detaches on the sequence, keeping what came before it', () => {
    expect(feed([[97, 98, P, Q, 99]], [P, Q])).toEqual({ out: [97, 98], detached: true });
    expect(feed([[97, P], [Q]], [P, Q])).toEqual({ out: [97], detached: true });
    expect(feed([[P], [Q]], [P, Q])).toEqual({ out: [], detached: true });
  });

  it('holds a partial sequence back, then releases it before the key that broke it', () => {
    const d = new EscapeDetector([P, Q]);
    expect([...d.push(Buffer.from([97, P])).data]).toEqual([97]);
    expect(d.pending).toBe(1);
    expect([...d.push(Buffer.from([120])).data]).toEqual([P, 120]);
    expect(d.pending).toBe(0);
  });

  it("does not restart a sequence on the key that broke one (docker's rule)", () => {
    // ctrl-p ctrl-p ctrl-q: the second ctrl-p breaks the first sequence and is passed on
    expect(feed([[P, P, Q]], [P, Q])).toEqual({ out: [P, P, Q], detached: false });
    expect(feed([[P], [P], [Q]], [P, Q])).toEqual({ out: [P, P, Q], detached: false });
  });

  it('handles longer sequences split anywhere', () => {
    const keys = [1, 2, 3];
    expect(feed([[9, 1], [2], [9]], keys)).toEqual({ out: [9, 1, 2, 9], detached: false });
    expect(feed([[9, 1], [2], [3, 9]], keys)).toEqual({ out: [9], detached: true });
    expect(feed([[1, 2, 1, 2, 3]], keys)).toEqual({ out: [1, 2, 1, 2, 3], detached: false });
  });

  it('matches moby/term under any chunking', () => {
    const alphabet = fc.constantFrom(1, 2, 3, 16, 17, 97);
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 40 }),
        fc.constantFrom([16, 17], [1, 2, 3], [97], [16, 16, 17]),
        (input, cuts, keys) => {
          const chunks: number[][] = [];
          let i = 0;
          for (const c of cuts) {
            if (i >= input.length) break;
            chunks.push(input.slice(i, i + c));
            i += c;
          }
          if (i < input.length) chunks.push(input.slice(i));
          // (a partial sequence at the very end stays held back in both)
          expect(feed(chunks, keys)).toEqual(goEscapeProxy(input, keys));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
