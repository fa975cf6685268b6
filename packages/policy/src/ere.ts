const POSIX_JS: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  space: '\\t\\n\\v\\f\\r ',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

const jsClassChar = (ch: string) => (/[\\\]^[-]/.test(ch) ? `\\${ch}` : ch);

/** Converts one ERE bracket expression starting at src[i] === '['; returns JS class and next index. */
function bracket(src: string, start: number): [string, number] {
  let i = start + 1;
  let out = '[';
  if (src[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  while (i < src.length && (src[i] !== ']' || first)) {
    first = false;
    const m = /^\[:([a-z]+):\]/.exec(src.slice(i));
    if (m) {
      const cls = POSIX_JS[m[1] as string];
      if (cls === undefined) throw new SyntaxError(`unknown POSIX class ${m[0]}`);
      out += cls;
      i += m[0].length;
    } else if (src[i + 1] === '-' && src[i + 2] !== undefined && src[i + 2] !== ']') {
      out += `${jsClassChar(src[i] as string)}-${jsClassChar(src[i + 2] as string)}`;
      i += 3;
    } else {
      out += jsClassChar(src[i] as string);
      i++;
    }
  }
  if (src[i] !== ']') throw new SyntaxError('unterminated bracket expression');
  return [`${out}]`, i + 1];
}

/**
 * Runs a POSIX ERE (glibc flavour: `.` matches newline, `\b`/`\B` supported, backslash literal
 * inside brackets) as a JavaScript RegExp, so the compiled table can be interpreted in JS.
 */
export function ereToRegExp(ere: string, caseInsensitive: boolean): RegExp {
  let out = '';
  for (let i = 0; i < ere.length; ) {
    const ch = ere[i] as string;
    if (ch === '[') {
      const [cls, next] = bracket(ere, i);
      out += cls;
      i = next;
    } else if (ch === '\\') {
      out += `\\${ere[i + 1] ?? '\\'}`;
      i += 2;
    } else if (ch === '{' && !/^\{\d+(,\d*)?\}/.test(ere.slice(i))) {
      out += '\\{';
      i++;
    } else {
      out += ch === '}' && !/\{\d+(,\d*)?$/.test(out) ? '\\}' : ch === '/' ? '\\/' : ch;
      i++;
    }
  }
  return new RegExp(out, caseInsensitive ? 'is' : 's');
}
