const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL = '*#$@!?-0123456789';

/** Name after a `$` at s[0..] and how many characters it spans (Go os.Expand's getShellName). */
function shellName(s: string): { name: string; width: number } {
  if (s[0] === '{') {
    if (s.length > 2 && SPECIAL.includes(s[1] as string) && s[2] === '}')
      return { name: s[1] as string, width: 3 };
    const close = s.indexOf('}', 1);
    if (close < 0) return { name: '', width: 1 }; // bad syntax: eat "${"
    if (close === 1) return { name: '', width: 2 }; // bad syntax: eat "${}"
    return { name: s.slice(1, close), width: close + 1 };
  }
  if (s.length > 0 && SPECIAL.includes(s[0] as string)) return { name: s[0] as string, width: 1 };
  let i = 0;
  while (i < s.length && NAME_CHAR.test(s[i] as string)) i++;
  return { name: s.slice(0, i), width: i };
}

/**
 * Go's os.ExpandEnv over a whole text: `$VAR` and `${VAR}` become the value (empty when unset),
 * `$` before anything else stays. No `${VAR:-default}` (Go has none for the server config).
 */
export function expandEnv(text: string, env: Readonly<Record<string, string | undefined>>): string {
  if (!text.includes('$')) return text;
  let out = '';
  let start = 0;
  for (let j = 0; j < text.length; j++) {
    if (text[j] !== '$' || j + 1 >= text.length) continue;
    out += text.slice(start, j);
    const { name, width } = shellName(text.slice(j + 1));
    if (name === '' && width === 0) out += '$';
    else if (name !== '') out += env[name] ?? '';
    j += width;
    start = j + 1;
  }
  return out + text.slice(start);
}
