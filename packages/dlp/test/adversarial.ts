import type { Rule } from '../src/rule';

/** Building blocks of hostile output: runs of prefix characters, near misses, unterminated headers. */
const GENERIC_UNITS = [
  'a',
  'A',
  '1',
  '-',
  '_',
  '.',
  ' ',
  '@',
  ':',
  '/',
  '=',
  '"',
  '\\n',
  '\n',
  'aB3',
  'a.',
  'a@',
  'a@b.',
  '4111 ',
  '123-45-',
  '(555) ',
  '-----BEGIN ',
  '-----BEGIN RSA PRIVATE KEY-----\n',
  'eyJ',
  'eyJa.',
  'x://u:',
  'https://a:b',
  ';password=',
  'token=',
  'Bearer ',
];

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Adversarial inputs of `size` characters aimed at one rule (its keywords) and at regexes in general. */
export function adversarialInputs(rule: Rule, size: number): Map<string, string> {
  const inputs = new Map<string, string>();
  for (const unit of GENERIC_UNITS) inputs.set(JSON.stringify(unit), fill(unit, size));
  for (const keyword of rule.keywords) {
    inputs.set(`kw ${keyword}`, fill(keyword, size));
    inputs.set(`kw ${keyword} + run`, keyword + fill('aB3', size - keyword.length));
    inputs.set(`kw ${keyword} near miss`, fill(`${keyword}${'aB3'.repeat(8)}=`, size));
    inputs.set(`kw ${keyword} upper`, fill(keyword.toUpperCase(), size));
  }
  return inputs;
}

/** Benign agent output of about `size` characters: logs, source, JSON. */
export function benignText(size: number): string {
  const lines = [
    '2026-11-27T10:00:00.123Z INFO  server listening on 127.0.0.1:8080 (pid 4242)\n',
    'export function add(a: number, b: number): number { return a + b; }\n',
    '{"name":"left-pad","version":"1.3.0","resolved":"https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz"}\n',
    'commit 97b58fa1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7\nAuthor: Dev <dev@fake-mail.test>\n',
    '    at processTicksAndRejections (node:internal/process/task_queues:95:5)\n',
    'const token = await getToken(); // refresh the api key before the request\n',
  ];
  return fill(lines.join(''), size);
}
