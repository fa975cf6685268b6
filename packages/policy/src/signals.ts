/** Linux signal numbers (x86-64/arm64 numbering) and agentsh's signal groups. */
export const SIGNALS: Readonly<Record<string, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGSTKFLT: 16,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGURG: 23,
  SIGXCPU: 24,
  SIGXFSZ: 25,
  SIGVTALRM: 26,
  SIGPROF: 27,
  SIGWINCH: 28,
  SIGIO: 29,
  SIGPWR: 30,
  SIGSYS: 31,
};

const GROUPS: Readonly<Record<string, readonly string[]>> = {
  '@fatal': ['SIGKILL', 'SIGTERM', 'SIGQUIT', 'SIGABRT'],
  '@job': ['SIGSTOP', 'SIGCONT', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU'],
  '@reload': ['SIGHUP', 'SIGUSR1', 'SIGUSR2'],
  '@ignore': ['SIGCHLD', 'SIGURG', 'SIGWINCH'],
};

/** Expands one signal entry (name with or without SIG, number, or @group) to numbers; undefined if unknown. */
export function expandSignal(entry: string | number): number[] | undefined {
  if (typeof entry === 'number') return entry >= 1 && entry <= 64 ? [entry] : undefined;
  const s = entry.trim();
  if (/^\d+$/.test(s)) return expandSignal(Number(s));
  if (s === '@all') return Array.from({ length: 31 }, (_, i) => i + 1);
  const group = GROUPS[s];
  if (group) return group.map((n) => SIGNALS[n] as number);
  const upper = s.toUpperCase();
  const n = SIGNALS[upper.startsWith('SIG') ? upper : `SIG${upper}`];
  return n === undefined ? undefined : [n];
}
