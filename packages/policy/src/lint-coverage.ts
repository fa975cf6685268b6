import { depthRange, splitCommands } from './command-matcher';
import { compileGlob } from './glob';
import { isLiteralGlob, parseGlob } from './glob-parse';
import { cidrContains, parseCidr } from './ip';
import type { CommandRule, FileRule, NetworkRule, UnixSocketRule } from './schema';

// "Does every input matching rule B also match rule A?" Sound but incomplete: when unsure, no.

function tryGlob(pattern: string, sep: string): ((s: string) => boolean) | undefined {
  try {
    return compileGlob(pattern, sep).test;
  } catch {
    return undefined;
  }
}

function isLiteral(pattern: string): boolean {
  try {
    return isLiteralGlob(parseGlob(pattern));
  } catch {
    return false;
  }
}

/** Pattern a matches everything pattern b matches. */
export function globCovers(a: string, b: string, sep: string): boolean {
  if (a === b || a === '**') return true;
  if (isLiteral(b)) return tryGlob(a, sep)?.(b) ?? false;
  if (a.endsWith('/**') && isLiteral(a.slice(0, -3))) {
    const prefix = `${a.slice(0, -3)}/`;
    const lit = /^[^*?[{\\]*/.exec(b)?.[0] ?? '';
    return lit.startsWith(prefix);
  }
  return false;
}

const listCovers = (a: readonly string[], b: readonly string[], sep: string) =>
  b.length > 0 && b.every((pb) => a.some((pa) => globCovers(pa, pb, sep)));

function opsCover(a: readonly string[], b: readonly string[]): boolean {
  const la = a.map((o) => o.toLowerCase());
  if (la.length === 0 || la.includes('*')) return true;
  const lb = b.map((o) => o.toLowerCase());
  return lb.length > 0 && !lb.includes('*') && lb.every((o) => la.includes(o));
}

export function fileCovers(a: FileRule, b: FileRule): boolean {
  return opsCover(a.operations, b.operations) && listCovers(a.paths, b.paths, '/');
}

export function unixCovers(a: UnixSocketRule, b: UnixSocketRule): boolean {
  return opsCover(a.operations, b.operations) && listCovers(a.paths, b.paths, '/');
}

function commandSelectorCovers(
  a: ReturnType<typeof splitCommands>,
  b: ReturnType<typeof splitCommands>,
): boolean {
  if (a.anyCommand || a.nameGlobs.includes('*')) return true;
  if (b.anyCommand || b.pathGlobs.length > 0 || b.nameGlobs.some((g) => !a.nameGlobs.includes(g)))
    return false;
  const nameHit = (n: string) => a.names.includes(n) || a.nameGlobs.some((g) => tryGlob(g, '/')?.(n));
  const pathHit = (p: string) =>
    a.fullPaths.includes(p) ||
    a.pathGlobs.some((g) => tryGlob(g, '/')?.(p)) ||
    nameHit(p.slice(p.lastIndexOf('/') + 1));
  return b.names.every(nameHit) && b.fullPaths.every(pathHit);
}

export function commandCovers(a: CommandRule, b: CommandRule): boolean {
  const [aMin, aMax] = depthRange(a.context);
  const [bMin, bMax] = depthRange(b.context);
  const depthOk = aMin <= bMin && (aMax === -1 || (bMax !== -1 && bMax <= aMax));
  const same =
    a.args_patterns.length === b.args_patterns.length &&
    a.args_patterns.every((p, i) => b.args_patterns[i] === p);
  const argsOk = a.args_patterns.length === 0 || same;
  return depthOk && argsOk && commandSelectorCovers(splitCommands(a.commands), splitCommands(b.commands));
}

function cidrsCover(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0) return true;
  if (b.length === 0) return false;
  return b.every((cb) => {
    const nb = parseCidr(cb);
    return (
      nb !== undefined &&
      a.some((ca) => {
        const na = parseCidr(ca);
        return na !== undefined && na.bits <= nb.bits && cidrContains(na, nb.addr);
      })
    );
  });
}

export function networkCovers(a: NetworkRule, b: NetworkRule): boolean {
  const portsOk = a.ports.length === 0 || (b.ports.length > 0 && b.ports.every((p) => a.ports.includes(p)));
  const lower = (l: readonly string[]) => l.map((d) => d.toLowerCase());
  const domainsOk = a.domains.length === 0 || listCovers(lower(a.domains), lower(b.domains), '.');
  return portsOk && domainsOk && cidrsCover(a.cidrs, b.cidrs);
}
