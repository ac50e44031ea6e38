import { describe, expect, it } from 'vitest';
import { compactJson, indentJson } from '../../../src/format/jsonindent.js';

describe('indentJson', () => {
  it('indents like json.MarshalIndent with four spaces', () => {
    expect(indentJson('[{"a":1,"b":[],"c":{},"d":[1,2],"e":{"f":"x y"}}]')).toBe(
      '[\n    {\n        "a": 1,\n        "b": [],\n        "c": {},\n        "d": [\n            1,\n            2\n        ],\n        "e": {\n            "f": "x y"\n        }\n    }\n]',
    );
  });
  it('keeps numbers, strings and their escapes verbatim', () => {
    expect(indentJson('{"n":1.0e+09,"s":"a\\"b\\\\","h":"<&>"}')).toBe('{\n    "n": 1.0e+09,\n    "s": "a\\"b\\\\",\n    "h": "<&>"\n}');
  });
  it('ignores whitespace between tokens, not inside strings', () => {
    expect(indentJson(' [ { "a" : " x " } ]\n')).toBe('[\n    {\n        "a": " x "\n    }\n]');
    expect(indentJson('[]')).toBe('[]');
  });
  it('compacts', () => {
    expect(compactJson('[ {"a": [1, 2], "b": "c d"} ]\n')).toBe('[{"a":[1,2],"b":"c d"}]');
  });
});
