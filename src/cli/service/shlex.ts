// google/shlex's Split, which docker's ShlexOpt (service --entrypoint, update --args) reads
// its value with: shell-style words, "..." with backslash escapes, '...' without, # comments
// at the start of a word; the same error texts.

const SPACE = ' \t\r\n';

type State = 'start' | 'word' | 'escaping' | 'escapingQuoted' | 'quotingEscaping' | 'quoting' | 'comment';

/** shlex.Split: throws "EOF found when expecting closing quote" / "EOF found after escape character" */
export function shlexSplit(s: string): string[] {
  const runes = [...s];
  const words: string[] = [];
  let i = 0;
  for (;;) {
    let state: State = 'start';
    let isComment = false;
    let value = '';
    let done = false;
    while (!done) {
      const eof = i >= runes.length;
      const r = eof ? '' : runes[i++]!;
      const cls = eof ? 'eof' : SPACE.includes(r) ? 'space' : r === '"' ? 'dquote' : r === "'" ? 'squote' : r === '\\' ? 'escape' : r === '#' ? 'comment' : 'other';
      switch (state) {
        case 'start':
          if (cls === 'eof') return words;
          if (cls === 'space') break;
          if (cls === 'dquote') state = 'quotingEscaping';
          else if (cls === 'squote') state = 'quoting';
          else if (cls === 'escape') state = 'escaping';
          else if (cls === 'comment') {
            isComment = true;
            state = 'comment';
          } else {
            value += r;
            state = 'word';
          }
          break;
        case 'word':
          if (cls === 'eof' || cls === 'space') done = true;
          else if (cls === 'dquote') state = 'quotingEscaping';
          else if (cls === 'squote') state = 'quoting';
          else if (cls === 'escape') state = 'escaping';
          else value += r;
          break;
        case 'escaping':
          if (cls === 'eof') throw new Error('EOF found after escape character');
          state = 'word';
          value += r;
          break;
        case 'escapingQuoted':
          if (cls === 'eof') throw new Error('EOF found after escape character');
          state = 'quotingEscaping';
          value += r;
          break;
        case 'quotingEscaping':
          if (cls === 'eof') throw new Error('EOF found when expecting closing quote');
          if (cls === 'dquote') state = 'word';
          else if (cls === 'escape') state = 'escapingQuoted';
          else value += r;
          break;
        case 'quoting':
          if (cls === 'eof') throw new Error('EOF found when expecting closing quote');
          if (cls === 'squote') state = 'word';
          else value += r;
          break;
        case 'comment':
          if (cls === 'eof') done = true;
          else if (cls === 'space' && r === '\n') done = true;
          else value += r;
          break;
      }
    }
    if (!isComment) words.push(value);
  }
}
