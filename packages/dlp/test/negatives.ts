import type { Rng } from './random';
import { B64, DIGITS, HEX } from './random';

/** Generators of realistic text that holds no secret and no personal data. */
export type NegativeGenerator = (rng: Rng) => string;

function uuid(rng: Rng): string {
  const h = (n: number): string => rng.string(n, HEX);
  return `${h(8)}-${h(4)}-4${h(3)}-a${h(3)}-${h(12)}`;
}

function timestamp(rng: Rng): string {
  return `2026-11-${String(rng.int(10, 28))}T${String(rng.int(10, 23))}:${String(rng.int(10, 59))}:${String(rng.int(10, 59))}.${rng.string(3, DIGITS)}Z`;
}

const IDENTIFIERS = ['token', 'apiKey', 'password', 'secret', 'authToken', 'accessKey', 'credentials', 'key'];

const CODE_LINES: readonly ((rng: Rng) => string)[] = [
  (rng) =>
    `const ${rng.pick(IDENTIFIERS)} = process.env.${rng.pick(['GITHUB_TOKEN', 'OPENAI_API_KEY', 'DB_PASSWORD'])};`,
  () => 'password: z.string().min(8).max(128),',
  (rng) => `if (${rng.pick(IDENTIFIERS)} === undefined) throw new Error('missing credential');`,
  () => 'headers: { Authorization: `Bearer $' + '{token}` },',
  () => "const secretName = 'db-credentials';",
  () => 'def get_token(self) -> str:\n        return self._session.token',
  () => 'func (c *Client) SetAPIKey(key string) { c.apiKey = key }',
  (rng) => `const id = '${uuid(rng)}';`,
  () => "import { createHash } from 'node:crypto';",
  () => 'export function tokenize(input: string): string[] { return input.split(/\\s+/); }',
  (rng) => `  return { maxTokens: ${rng.int(256, 8192)}, temperature: 0.${rng.int(1, 9)} };`,
  () => 'for (let i = 0; i < keys.length; i++) total += weights[keys[i]];',
  () => 'secretKeyRef:\n            name: app-secrets\n            key: password',
  () => 'api_key = os.environ["API_KEY"]',
  () => 'token = request.headers.get("Authorization", "").removeprefix("Bearer ")',
];

const LOG_LINES: readonly ((rng: Rng) => string)[] = [
  (rng) =>
    `${timestamp(rng)} INFO  request_id=${uuid(rng)} GET /v1/items/${rng.int(1, 99999)} 200 ${rng.int(1, 900)}ms`,
  (rng) =>
    `${timestamp(rng)} WARN  token refreshed (expires_in=${rng.int(600, 7200)}) for session ${rng.string(12, HEX)}`,
  (rng) =>
    `${timestamp(rng)} DEBUG usage prompt_tokens=${rng.int(10, 9000)} completion_tokens=${rng.int(1, 900)} max_tokens=4096`,
  (rng) =>
    `[${rng.int(1, 9)}/${rng.int(10, 99)}] Compiling src/${rng.pick(['key', 'token', 'auth'])}_store.rs (${rng.int(1, 60)}.${rng.int(0, 9)}s)`,
  (rng) => `    at Object.<anonymous> (/app/src/index.ts:${rng.int(1, 400)}:${rng.int(1, 80)})`,
  (rng) =>
    `127.0.0.1 - - [27/Nov/2026:10:${rng.int(10, 59)}:00 +0000] "POST /api/login HTTP/1.1" 302 ${rng.int(0, 9999)}`,
  (rng) =>
    `pid ${rng.int(100, 65000)} exited with status ${rng.int(0, 2)} after ${rng.int(1000000000000, 1900000000000)} ns`,
  (rng) =>
    `Downloaded ${rng.pick(['serde', 'tokio', 'regex'])} v1.${rng.int(0, 40)}.${rng.int(0, 20)} (${rng.int(10, 900)} KB)`,
];

const GIT_LINES: readonly ((rng: Rng) => string)[] = [
  (rng) => `commit ${rng.string(40, HEX)}`,
  (rng) => `${rng.string(7, HEX)} fix(auth): rotate ${rng.pick(['token', 'key'])} cache on expiry`,
  (rng) => `index ${rng.string(7, HEX)}..${rng.string(7, HEX)} 100644`,
  () => '@@ -12,7 +12,9 @@ export function refreshToken(session: Session) {',
  () => '-  const token = readToken();\n+  const token = await readTokenFromStore(store);',
  () => 'Merge pull request #4821 from team/secret-scanning-docs',
  (rng) =>
    ` ${rng.int(1, 30)} files changed, ${rng.int(1, 900)} insertions(+), ${rng.int(1, 300)} deletions(-)`,
];

function lockfile(rng: Rng): string {
  const name = rng.pick(['left-pad', 'lodash', 'react', 'zod', 'keyv', 'tokenizer', 'secret-stream']);
  const version = `${rng.int(0, 9)}.${rng.int(0, 30)}.${rng.int(0, 30)}`;
  const integrity = `sha512-${rng.string(86, B64)}==`;
  return rng.pick([
    `    "node_modules/${name}": {\n      "version": "${version}",\n      "resolved": "https://registry.npmjs.org/${name}/-/${name}-${version}.tgz",\n      "integrity": "${integrity}"\n    },`,
    `  /${name}@${version}:\n    resolution: {integrity: ${integrity}}\n    engines: {node: '>=18'}`,
    `${name}@^${version}:\n  version "${version}"\n  resolved "https://registry.yarnpkg.com/${name}/-/${name}-${version}.tgz#${rng.string(40, HEX)}"`,
    `[[package]]\nname = "${name}"\nversion = "${version}"\nchecksum = "${rng.string(64, HEX)}"`,
    `github.com/${name}/${name} v${version} h1:${rng.string(43, B64)}=`,
  ]);
}

function base64Image(rng: Rng): string {
  const body = rng.string(rng.int(1000, 6000), B64);
  return `<img src="data:image/png;base64,iVBORw0KGgo${body}==" alt="chart">`;
}

function hashes(rng: Rng): string {
  return rng.pick([
    `${rng.string(64, HEX)}  dist/agentsh-linux-amd64.tar.gz`,
    `docker.io/library/node@sha256:${rng.string(64, HEX)}`,
    `md5: ${rng.string(32, HEX)} uuid: ${uuid(rng)}`,
    `"etag": "W/\\"${rng.string(40, HEX)}\\""`,
  ]);
}

const PLACEHOLDERS: readonly string[] = [
  'export OPENAI_API_KEY=<your-api-key>',
  'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
  'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  `password: \${DB_PASSWORD}`,
  'token: "{{ .Values.apiToken }}"',
  'curl -H "Authorization: Bearer YOUR_TOKEN_HERE" http://127.0.0.1:8080/',
  'DATABASE_URL=postgres://user:password@localhost:5432/app',
  'api_key: "********"',
  'SLACK_TOKEN=xoxb-your-token-here',
  'STRIPE_KEY=sk_test_XXXXXXXXXXXXXXXXXXXXXXXX',
];

/** Lines that look secret-ish to a naive scanner but hold nothing sensitive. */
const TRICKY: readonly ((rng: Rng) => string)[] = [
  () => 'WWW-Authenticate: Bearer realm="api", error="invalid_token"',
  () => '{"access_token": null, "token_type": "bearer", "expires_in": 3600}',
  () => 'SECRET_KEY = os.environ.get("SECRET_KEY", "")',
  () => 'type Config struct { Token string `json:"token" yaml:"token"` }',
  () => 'const apiKey = config.get("apiKey") ?? defaults.apiKey;',
  () => "password: 'password', // test fixture placeholder",
  () => 'secretName: tls-certificate-prod',
  () => 'key: "metadata.annotations.kubernetes.io/last-applied-configuration"',
  (rng) =>
    `"keyId": "projects/demo/locations/global/keyRings/ring-${rng.int(1, 9)}/cryptoKeys/key-${rng.int(1, 9)}"`,
  () => 'Passwords must be at least 12 characters long.',
  () => 'ssh-keygen -t ed25519 -C "ci-bot" -f ~/.ssh/id_ed25519',
  () => '-----BEGIN CERTIFICATE-----',
  () => '-----BEGIN PUBLIC KEY-----',
  (rng) => `Order ${rng.int(1000, 9999)}-${rng.int(1000, 9999)} shipped, tracking ${rng.string(12, DIGITS)}`,
  (rng) =>
    `version ${rng.int(1, 9)}.${rng.int(0, 99)}.${rng.int(0, 999)} build ${rng.int(100, 999)}-${rng.int(10, 99)}`,
  (rng) =>
    `at 2026-11-${rng.int(10, 28)} ${rng.int(10, 23)}:${rng.int(10, 59)} took ${rng.int(100, 999)}.${rng.int(100, 999)} ms`,
  (rng) => `git push https://github.com/team/repo.git HEAD:refs/heads/fix-${rng.int(1, 999)}`,
  () => 'npm error code E401 Unable to authenticate, your authentication token seems to be invalid.',
  (rng) => `tokens: ${rng.int(1, 99999)}  cache_read_tokens: ${rng.int(1, 9999)}`,
  () => 'export const SECRET_PATTERNS = [/ghp_[A-Za-z0-9]{36}/, /AKIA[0-9A-Z]{16}/];',
  (rng) => `sk-${rng.pick(['learn', 'image', 'video'])}-toolkit==1.${rng.int(0, 9)}.${rng.int(0, 9)}`,
  () => `AWS_ACCESS_KEY_ID=\${AWS_ACCESS_KEY_ID:?missing}`,
];

function lines(rng: Rng, pool: readonly ((rng: Rng) => string)[], count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(rng.pick(pool)(rng));
  return `${out.join('\n')}\n`;
}

/** Named negative generators, each producing one multi-line document. */
export const NEGATIVE_GENERATORS: Record<string, NegativeGenerator> = {
  code: (rng) => lines(rng, CODE_LINES, rng.int(5, 25)),
  logs: (rng) => lines(rng, LOG_LINES, rng.int(5, 30)),
  git: (rng) => lines(rng, GIT_LINES, rng.int(5, 20)),
  lockfile: (rng) => `${Array.from({ length: rng.int(3, 12) }, () => lockfile(rng)).join('\n')}\n`,
  image: base64Image,
  hashes: (rng) => `${Array.from({ length: rng.int(3, 12) }, () => hashes(rng)).join('\n')}\n`,
  tricky: (rng) => lines(rng, TRICKY, rng.int(3, 8)),
  placeholders: (rng) => `${rng.pick(PLACEHOLDERS)}\n${rng.pick(PLACEHOLDERS)}\n`,
};
