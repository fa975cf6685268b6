import type { Rule } from '../rule';
import { tokenRule } from './define';
import { ASSIGN_FOLLOW, step } from './follow-steps';

/** Structured credentials: JWTs, private key blocks, passwords in URLs and headers. */
export const CREDENTIAL_RULES: readonly Rule[] = [
  tokenRule(
    {
      id: 'jwt',
      display: 'JWT',
      regex:
        /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,1024}\.eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{0,1024}(?![A-Za-z0-9_-])/g,
      notAfter: /[A-Za-z0-9_-]/,
      keywords: ['eyJ'],
      maxLength: 6150,
    },
    { validator: 'jwt-header' },
  ),
  tokenRule(
    {
      id: 'pem_private_key',
      display: 'PRIVATE_KEY',
      regex: /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----/g,
      keywords: ['-----BEGIN'],
      maxLength: 8192,
    },
    { blockEnd: '-----END', commonFilters: false },
  ),
  tokenRule(
    {
      id: 'url_password',
      display: 'URL_PASSWORD',
      regex:
        /(?<=(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}):\/\/[^\s:/@"'<>]{0,128}:(?<secret>[^\s:/@"'<>]{1,256})(?=@[^\s/@"'<>])/g,
      keywords: ['://'],
      maxLength: 390,
    },
    {
      allow: [/^\d{1,5}$/, /^(?:pass(?:word)?|pwd|secret|\*+|x+)$/i],
      follow: [
        step(/:/, 1),
        step(/\//, 2),
        step(/[^\s:/@"'<>]/, 0, 128),
        step(/:/, 1),
        step(/[^\s:/@"'<>]/, 1, 256),
        step(/@/, 1),
      ],
    },
  ),
  tokenRule(
    {
      id: 'connection_string_password',
      display: 'CONNECTION_PASSWORD',
      regex:
        /(?<=;[ \t]{0,3})(?:password|pwd)[ \t]{0,3}=[ \t]{0,3}(?<secret>[^;"'\s]{1,128})(?=;|["'\s]|$)/gi,
      keywords: ['password', 'pwd'],
      maxLength: 150,
    },
    {
      allow: [/^(?:pass(?:word)?|pwd|\*+|x+)$/i],
      follow: [
        step(/[A-Za-z]/, 3, 8),
        step(/[ \t]/, 0, 3),
        step(/=/, 1),
        step(/[ \t]/, 0, 3),
        step(/[^;"'\s]/, 1),
      ],
    },
  ),
  tokenRule(
    {
      id: 'authorization_header',
      display: 'AUTH_HEADER',
      regex:
        /authorization\\?["']?[ \t]{0,4}[:=][ \t]{0,4}\\?["']?(?:bearer|basic|token|bot)[ \t]{1,4}(?<secret>[A-Za-z0-9._~+/-]{8,4096}=*)(?![A-Za-z0-9._~+/=-])/gi,
      keywords: ['authorization'],
      maxLength: 4160,
    },
    {
      follow: [
        step(/[A-Za-z]/, 13),
        ...ASSIGN_FOLLOW.slice(0, 4),
        ...ASSIGN_FOLLOW.slice(5, 8),
        step(/[A-Za-z]/, 3, 6),
        step(/[ \t]/, 1, 4),
        step(/[A-Za-z0-9._~+/-]/, 8),
      ],
    },
  ),
  tokenRule(
    {
      id: 'bearer_token',
      display: 'AUTH_HEADER',
      regex: /bearer[ \t]{1,4}(?<secret>[A-Za-z0-9._~+/-]{16,4096}=*)(?![A-Za-z0-9._~+/=-])/gi,
      notAfter: /[A-Za-z0-9_-]/,
      keywords: ['bearer'],
      maxLength: 4120,
    },
    {
      validator: 'generic-secret',
      follow: [step(/[A-Za-z]/, 6), step(/[ \t]/, 1, 4), step(/[A-Za-z0-9._~+/-]/, 16)],
    },
  ),
  // The value is matched atomically (a lookahead capture consumed by a backreference): a value run
  // longer than 256 fails at once instead of backtracking through every shorter length, which could
  // never be followed by a non-value character anyway; the matches are the same.
  tokenRule(
    {
      id: 'generic_secret',
      display: 'SECRET',
      regex:
        /(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.-]{0,30}\\?["']?[ \t]{0,4}(?:=|:=|=>|:)[ \t]{0,4}\\?["'`]?(?=(?<secret>[A-Za-z0-9+/._~!@#%^&*=-]{8,256}))\k<secret>(?![A-Za-z0-9+/._~!@#%^&*=-])/gi,
      keywords: [
        'passw',
        'pwd',
        'secret',
        'token',
        'credential',
        ...['api', 'access', 'auth', 'private'].flatMap((w) => [`${w}_key`, `${w}-key`, `${w}key`]),
      ],
      maxLength: 340,
    },
    {
      validator: 'generic-secret',
      rejectBareIds: false,
      // keyword (3-11) + name (0-30), assignment, then 8 value characters
      follow: [step(/[A-Za-z0-9_.-]/, 3, 41), ...ASSIGN_FOLLOW, step(/[A-Za-z0-9+/._~!@#%^&*=-]/, 8)],
    },
  ),
  tokenRule(
    {
      id: 'api_key',
      display: 'api_key',
      regex: /(?<![A-Za-z0-9_+/-])(?:sk|api|key|secret|token)[-_]?[a-zA-Z0-9]{20,128}(?![A-Za-z0-9])/gi,
      notAfter: /[A-Za-z0-9_+/-]/,
      keywords: ['sk', 'api', 'key', 'secret', 'token'],
      maxLength: 140,
    },
    {
      validator: 'mixed-token',
      rejectBareIds: true,
      minEntropy: 3.5,
      keywordAtTokenStart: true,
      follow: [step(/[A-Za-z]/, 2, 6), step(/[-_]/, 0, 1), step(/[A-Za-z0-9]/, 20)],
    },
  ),
];
