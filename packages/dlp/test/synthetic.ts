import type { Rng } from './random';
import { B64, mixed } from './random';
import { fakePem, TOKEN_GENERATORS } from './synthetic-tokens';

/** A labelled span: the rule that should find it and where the secret is. */
export interface Label {
  rule: string;
  start: number;
  end: number;
}

export interface LabelledText {
  text: string;
  labels: Label[];
}

type Context = (secret: string, rng: Rng) => [before: string, after: string];

const TOKEN_CONTEXTS: readonly Context[] = [
  () => ['export FAKE_CREDENTIAL=', '\n'],
  () => ['{"name": "fixture", "value": "', '", "note": "fake test value"}\n'],
  () => ['2026-11-27T10:00:00Z INFO fake fixture value ', ' loaded\n'],
  () => ['fixture_value: ', '  # fake, for tests\n'],
  () => ['curl -s -H "X-Fixture: ', '" http://127.0.0.1:8080/v1/items\n'],
  () => ['value was (', ') in the fake config\n'],
];

/** Rules whose secret sits inside a context the rule itself requires. */
const CONTEXT_RULES: Record<string, (rng: Rng) => [string, string, string]> = {
  aws_secret_access_key: (rng) => ['aws_secret_access_key = ', `FAKE${mixed(rng, 36, `${B64}`)}`, '\n'],
  azure_storage_key: (rng) => [
    'AZURE_CONN="DefaultEndpointsProtocol=https;AccountName=fakeacct;AccountKey=',
    `FAKE${mixed(rng, 82, B64)}==`,
    ';EndpointSuffix=core.windows.net"\n',
  ],
  url_password: (rng) => [
    `DATABASE_URL=postgres://fakeuser:`,
    `FAKE${mixed(rng, 14)}`,
    '@127.0.0.1:5432/app\n',
  ],
  connection_string_password: (rng) => [
    'Server=127.0.0.1;Database=app;User Id=fake;Password=',
    `FAKE${mixed(rng, 12)}`,
    ';\n',
  ],
  authorization_header: (rng) => [
    'curl -H "Authorization: Bearer ',
    `FAKE${mixed(rng, 32)}`,
    '" http://127.0.0.1/\n',
  ],
  bearer_token: (rng) => ['echo "bearer ', `FAKE${mixed(rng, 28)}`, '"\n'],
  generic_secret: (rng) => [
    rng.pick(['DB_PASSWORD=', 'client_secret: ', '"api_key": "', 'auth_token = "', 'SECRET_KEY=']),
    `FAKE${mixed(rng, rng.int(14, 36))}`,
    rng.pick(['\n', '"\n']),
  ],
  discord_webhook: (rng) => [
    `https://discord.com/api/webhooks/${rng.string(18, '0123456789')}/`,
    `FAKE${mixed(rng, 64, `${B64.slice(0, 62)}_-`)}`,
    '\n',
  ],
  discord_bot_token: (rng) => [
    'DISCORD_BOT_TOKEN=',
    `MFAKE${mixed(rng, 20)}.${mixed(rng, 6)}.${mixed(rng, 30)}`,
    '\n',
  ],
  pem_private_key: (rng) => ['key file follows\n', fakePem(rng, rng.next() < 0.3), '\nend of fake key\n'],
  private_key: (rng) => [
    'truncated: ',
    `-----BEGIN ${rng.pick(['RSA', 'DSA', 'EC'])} PRIVATE KEY-----`,
    '\n',
  ],
};

/** Every rule id the generator can produce true positives for. */
export const GENERATED_RULES: readonly string[] = [
  ...Object.keys(TOKEN_GENERATORS),
  ...Object.keys(CONTEXT_RULES),
];

/** One labelled true positive for the rule, in a random realistic context. */
export function generatePositive(rule: string, rng: Rng): LabelledText {
  const contextual = CONTEXT_RULES[rule];
  if (contextual !== undefined) {
    const [before, secret, after] = contextual(rng);
    return {
      text: before + secret + after,
      labels: [{ rule, start: before.length, end: before.length + secret.length }],
    };
  }
  const generate = TOKEN_GENERATORS[rule];
  if (generate === undefined) throw new Error(`no generator for rule ${rule}`);
  const secret = generate(rng);
  const [before, after] = rng.pick(TOKEN_CONTEXTS)(secret, rng);
  return {
    text: before + secret + after,
    labels: [{ rule, start: before.length, end: before.length + secret.length }],
  };
}
