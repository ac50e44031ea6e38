// Fuzzing (issue 15): 10,000 generated inputs for each parser a command line reaches. A parser
// may refuse an input, but only with an Error of its own carrying a message, never a crash of
// JavaScript's (TypeError, RangeError, a stack overflow) nor an empty or "undefined" text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FlagError, HelpRequested, parseFlags } from '../../../src/cli/flags.js';
import { parseFilter } from '../../../src/cli/opts.js';
import { parseNormalizedNamed, withDefaultTag, familiarString } from '../../../src/util/reference.js';
import { goParseDuration, goParseInt } from '../../../src/cli/opts/goparse.js';
import { fromHumanSize, ramInBytes } from '../../../src/cli/opts/units.js';
import { parsePortSpec } from '../../../src/cli/opts/ports.js';
import { parseMount, parseVolumeSpec } from '../../../src/cli/opts/mount.js';
import { parseTemplate, TemplateError, goStruct, goSlice } from '../../../src/format/template/index.js';
import { dockerFuncs } from '../../../src/format/funcs.js';
import { getTimestamp } from '../../../src/cli/timestamp.js';
import { parsePlatform } from '../../../src/cli/opts/platform.js';
import { parseUlimit, parseRestartPolicy, validateExtraHost, parseGpus, parseNetwork } from '../../../src/cli/opts/validators.js';
import { spec as runSpec } from '../../../commands/container/run.js';
import { spec as psSpec } from '../../../commands/container/ls.js';
import { spec as serviceCreateSpec } from '../../../commands/service/create.js';

const RUNS = 10_000;

/** a refusal, not a crash */
function clean(e: unknown): void {
  expect(e).toBeInstanceOf(Error);
  const err = e as Error;
  for (const js of [TypeError, RangeError, SyntaxError, globalThis.ReferenceError, EvalError, URIError]) {
    expect(err.constructor, `${err.constructor.name}: ${err.message}`).not.toBe(js);
  }
  expect(err.message.length).toBeGreaterThan(0);
  // (Go's own "undefined variable" is a message; a JS value printed as text is not)
  expect(err.message).not.toMatch(/\bundefined\b(?! variable)|\[object |\bNaN\b/);
}

function fuzz(gen: fc.Arbitrary<string>, f: (s: string) => unknown, runs = RUNS): void {
  fc.assert(
    fc.property(gen, (s) => {
      try {
        f(s);
      } catch (e) {
        clean(e);
      }
    }),
    { numRuns: runs },
  );
}

/** text made of the pieces a parser cares about, and arbitrary text */
function textOf(pieces: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join('')),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
}

const NUM = ['0', '1', '9', '10', '65535', '65536', '-1', '+', '-', '.', '1e3', '0x1f', '99999999999999999999', '18446744073709551616'];

describe('fuzzing: every parser refuses bad input cleanly', () => {
  it('flags of run, ps and service create', () => {
    for (const spec of [runSpec, psSpec, serviceCreateSpec]) {
      const names = spec.flags.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);
      const token = fc.oneof(
        fc.constantFrom(...names, '--', '-', '--=', '---x', '-h', '--help', '-=', '=', 'busybox'),
        fc.tuple(fc.constantFrom(...names), fc.constantFrom('=', ''), fc.constantFrom(...NUM, 'true', 'x', '', 'a=b', ' ')).map(([a, b, c]) => `${a}${b}${c}`),
        fc.string({ maxLength: 8 }),
      );
      fc.assert(
        fc.property(fc.array(token, { maxLength: 10 }), (argv) => {
          try {
            parseFlags(argv, spec.flags, spec.interspersed !== false);
          } catch (e) {
            if (!(e instanceof HelpRequested)) {
              clean(e);
              expect(e).toBeInstanceOf(FlagError);
            }
          }
        }),
        { numRuns: Math.ceil(RUNS / 3) },
      );
    }
  });

  it('filters', () => fuzz(textOf(['name', 'label', '=', '!=', 'a', ' ', '==', 'until', '10m']), parseFilter));

  it('image references', () =>
    fuzz(textOf(['busybox', 'library/', 'localhost', ':5000', '/', ':', '@', 'sha256:', 'a'.repeat(64), 'A', '-', '_', '.', '..', '__', 'latest', 'docker.io/']), (s) =>
      familiarString(withDefaultTag(parseNormalizedNamed(s))),
    ));

  it('Go templates, parsed and run', () => {
    const ctx = goStruct({ ID: 'abc', Names: goSlice(['a', 'b'], '[]string'), Labels: new Map([['k', 'v']]) }, '*formatter.Ctx');
    fuzz(
      textOf(['{{', '}}', '.', '.ID', '.Names', 'json', 'join', '","', 'range', 'end', 'if', 'else', '$', '$x', ':=', '|', '(', ')', 'index', '"k"', 'printf', '"%s"', 'table ', '\\t', 'len', 'upper', 'pad', '-}}', '{{-']),
      (s) => {
        try {
          parseTemplate(s, { funcs: dockerFuncs }).execute(ctx);
        } catch (e) {
          expect(e).toBeInstanceOf(TemplateError);
          throw e;
        }
      },
    );
  });

  it('durations', () => fuzz(textOf([...NUM, 'h', 'm', 's', 'ms', 'us', 'µs', 'ns', 'd', '.5', '9223372036854775807']), goParseDuration));

  it('integers as Go parses them', () => fuzz(textOf([...NUM, '_', '0b', '0o']), (s) => goParseInt(s, 0)));

  it('byte sizes', () =>
    fuzz(textOf([...NUM, 'b', 'k', 'K', 'kb', 'KiB', 'm', 'g', 'GB', 't', 'p', 'E', '.5', ' ']), (s) => {
      ramInBytes(s);
      fromHumanSize(s);
    }));

  it('port specs', () => fuzz(textOf([...NUM, ':', '-', '/tcp', '/udp', '/sctp', '127.0.0.1', '[::1]', '::', '80', '8080-8081', ' ']), parsePortSpec));

  it('--mount and -v specs', () =>
    fuzz(textOf(['type=', 'bind', 'volume', 'tmpfs', 'image', ',', 'source=', 'src=', 'target=', 'dst=', '/a', 'readonly', 'ro=', 'true', 'tmpfs-size=', 'tmpfs-mode=', 'volume-opt=', 'k=v', 'bind-propagation=', 'rshared', '"', ':', 'z', 'rw', 'C:\\']), (s) => {
      try {
        parseMount(s, '/tmp');
      } finally {
        parseVolumeSpec(s);
      }
    }));

  it('--since/--until timestamps', () =>
    fuzz(textOf([...NUM, '2024', '-01', '-13', '-31', 'T', '10', ':', '61', 'Z', '+01:00', '.5', ' ', 'm', 'h']), (s) => getTimestamp(s, new Date(1_700_000_000_000))));

  it('platforms, ulimits, restart policies, extra hosts, gpus, networks', () => {
    const pieces = ['linux', 'amd64', 'arm', 'v7', '/', 'nofile', '=', ':', ...NUM, 'on-failure', 'always', 'host-gateway', 'a', '::1', 'all', 'count=', 'capabilities=', 'driver=', 'name=', ',', '"'];
    for (const f of [parsePlatform, parseUlimit, parseRestartPolicy, validateExtraHost, parseGpus, parseNetwork] as ((s: string) => unknown)[]) {
      fuzz(textOf(pieces), f, Math.ceil(RUNS / 6));
    }
  });
});
