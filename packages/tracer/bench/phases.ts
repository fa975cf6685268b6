// agentsh's benchmark phases as shell commands, so the same command runs natively and traced.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Phase {
  name: string;
  argv: string[];
  /** Prepares a fresh working directory before each run. */
  setup?: (dir: string) => void;
}

function realPython(): string {
  return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
}

const FILE_IO = `
import os
d = 'io'
os.makedirs(d, exist_ok=True)
for i in range(250):
    p = os.path.join(d, 'f%d' % i)
    with open(p, 'w') as f: f.write('x' * 100)
    with open(p) as f: f.read()
    os.stat(p)
    os.unlink(p)
`;

function smallRepo(dir: string): void {
  mkdirSync(join(dir, 'repo', 'src'), { recursive: true });
  for (let i = 0; i < 20; i++)
    writeFileSync(join(dir, 'repo', 'src', `m${i}.txt`), `module ${i}\nneedle ${i % 3}\n`);
}

const GIT = [
  'cd repo',
  'git init -q',
  'git add .',
  'git -c user.name=b -c user.email=b@example.invalid commit -q -m init',
  'git grep -q needle',
  'git status --short >/dev/null',
].join(' && ');

const DEEP = 'i=0; while [ $i -lt 20 ]; do sh -c \'sh -c "sh -c /bin/true"\'; i=$((i+1)); done';
const WIDE =
  'i=0; while [ $i -lt 10 ]; do j=0; while [ $j -lt 10 ]; do /bin/true & j=$((j+1)); done; wait; i=$((i+1)); done';

export function phases(): Phase[] {
  const py = realPython();
  return [
    {
      name: 'process spawn (120 execs)',
      argv: ['/bin/sh', '-c', 'i=0; while [ $i -lt 120 ]; do /bin/true; i=$((i+1)); done'],
    },
    { name: 'file I/O (1000 ops)', argv: [py, '-S', '-c', FILE_IO] },
    { name: 'git init+add+commit+grep', argv: ['/bin/sh', '-c', GIT], setup: smallRepo },
    { name: 'deep tree (20 x 4-level)', argv: ['/bin/sh', '-c', DEEP] },
    { name: 'wide tree (10 x 10-fan)', argv: ['/bin/sh', '-c', WIDE] },
  ];
}
