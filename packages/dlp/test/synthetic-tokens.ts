import { base62, crc32 } from '../src/crc32';
import type { Rng } from './random';
import { ALNUM, B64, B64URL, DIGITS, HEX, LETTERS, mixed } from './random';

/** Generates one obviously fake but format-valid secret for a typed-prefix rule. */
export type SecretGenerator = (rng: Rng) => string;

function checksummed(prefix: string, rng: Rng): string {
  const body = `FAKE${mixed(rng, 26)}`;
  return `${prefix}${body}${base62(crc32(body), 6)}`;
}

function luhnComplete(partial: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = `${partial}${d}`;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let v = candidate.charCodeAt(candidate.length - 1 - i) - 48;
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return candidate;
  }
  return `${partial}0`;
}

function jwt(rng: Rng): string {
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  const payload = Buffer.from(`{"sub":"FAKE-user-${rng.int(1, 9999)}","iat":1700000000}`).toString(
    'base64url',
  );
  return `${header}.${payload}.${rng.string(43, B64URL)}`;
}

function card(rng: Rng): string {
  const digits = luhnComplete(`4${rng.string(14, DIGITS)}`);
  const sep = rng.pick(['', ' ', '-']);
  return [digits.slice(0, 4), digits.slice(4, 8), digits.slice(8, 12), digits.slice(12)].join(sep);
}

/** Secret generators for rules whose whole match is the secret, keyed by rule id. */
export const TOKEN_GENERATORS: Record<string, SecretGenerator> = {
  github_token: (rng) => checksummed(rng.pick(['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']), rng),
  github_fine_grained_pat: (rng) => `github_pat_FAKE${mixed(rng, 18)}_${mixed(rng, 59)}`,
  gitlab_token: (rng) => `glpat-FAKE${mixed(rng, 16)}`,
  npm_token: (rng) => checksummed('npm_', rng),
  pypi_token: (rng) => `pypi-AgEIcHlwaS5vcmcFAKE${rng.string(66, B64URL)}`,
  huggingface_token: (rng) => `hf_FAKE${rng.string(30, LETTERS)}`,
  aws_access_key_id: (rng) => `AKIAFAKE${rng.string(12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
  google_api_key: (rng) => `AIzaFAKE${rng.string(31, B64URL)}`,
  digitalocean_token: (rng) => `dop_v1_${rng.string(64, HEX)}`,
  databricks_token: (rng) => `dapi${rng.string(32, HEX)}`,
  shopify_token: (rng) => `shpat_${rng.string(32, HEX)}`,
  modal_token: (rng) => `${rng.pick(['ak-', 'as-'])}FAKE${mixed(rng, 18)}`,
  slack_api_token: (rng) => `xoxb-${rng.string(12, DIGITS)}-${rng.string(13, DIGITS)}-FAKE${mixed(rng, 20)}`,
  slack_webhook: (rng) =>
    `hooks.slack.com/services/TFAKE${rng.string(4, DIGITS)}/BFAKE${rng.string(4, DIGITS)}/${mixed(rng, 24)}`,
  stripe_key: (rng) => `sk_test_FAKE${mixed(rng, 24)}`,
  openai_api_key: (rng) => `sk-proj-FAKE${rng.string(40, B64URL)}T3BlbkFJ${mixed(rng, 40)}`,
  anthropic_api_key: (rng) => `sk-ant-api03-FAKE${rng.string(89, B64URL)}AA`,
  twilio_api_key: (rng) => `SK${rng.string(32, HEX)}`,
  sendgrid_key: (rng) => `SG.FAKE${mixed(rng, 18)}.${mixed(rng, 43)}`,
  telegram_bot_token: (rng) => `${rng.string(9, DIGITS)}:AAFAKE${rng.string(29, B64URL)}`,
  jwt,
  modal_key: (rng) => `ak-FAKE${mixed(rng, 32)}`,
  openai_key: (rng) => `sk-FAKE${mixed(rng, 46)}`,
  anthropic_key: (rng) => `sk-ant-FAKE${rng.string(95, `${ALNUM}-`)}`,
  aws_access_key: (rng) => `AKIAFAKE${rng.string(12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
  github_pat: (rng) => `ghp_FAKE${mixed(rng, 32)}`,
  github_oauth: (rng) => `gho_FAKE${mixed(rng, 32)}`,
  jwt_token: jwt,
  slack_token: (rng) => `xoxp-${rng.string(11, DIGITS)}-${rng.string(12, DIGITS)}-FAKE${mixed(rng, 20)}`,
  api_key: (rng) => `${rng.pick(['key_', 'api-', 'token_', 'secret_'])}FAKE${mixed(rng, 24)}`,
  email: (rng) => `fake.user${rng.int(1, 999)}@fake-mail.test`,
  phone: (rng) => `(555) ${rng.int(200, 999)}-${rng.string(4, DIGITS)}`,
  credit_card: card,
  ssn: (rng) => `${rng.int(100, 665)}-${rng.int(10, 99)}-${rng.int(1000, 9999)}`,
};

/** A fake PEM private key block (whole block is the secret). */
export function fakePem(rng: Rng, escaped = false): string {
  const kind = rng.pick(['RSA ', 'EC ', 'OPENSSH ', '']);
  const nl = escaped ? '\\n' : '\n';
  const lines = [`-----BEGIN ${kind}PRIVATE KEY-----`];
  lines.push(`FAKEKEY${rng.string(57, B64)}`);
  for (let i = 0; i < rng.int(3, 20); i++) lines.push(rng.string(64, B64));
  lines.push(`${rng.string(rng.int(4, 60), B64)}==`);
  lines.push(`-----END ${kind}PRIVATE KEY-----`);
  return lines.join(nl);
}

export { B64 };
