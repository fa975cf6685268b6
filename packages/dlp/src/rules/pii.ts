import type { Rule } from '../rule';

/**
 * Every phone number, SSN and card number below contains two digits, one or two separators, 2-6
 * digits, a separator and 4 digits (`55) 123-4567`, `23-45-6789`, `11 1111 1111`, `82 822463
 * 10005`), or 15 digits in a row; runs of digits that short of this skip the three regexes.
 */
export const PII_DIGIT_GROUPS = /\d\d(?:[-. )]{1,2}\d{2,6}[-. ]\d{4}|\d{13})/g;

/**
 * agentsh's personal-data built-ins (dlp.patterns.email/phone/credit_card/ssn), tightened for
 * precision: token boundaries on both sides, separators required for phone numbers and SSNs, issuer
 * prefixes plus Luhn for cards. Display names equal the ids, as in agentsh.
 */
export const PII_RULES: readonly Rule[] = [
  {
    id: 'email',
    display: 'email',
    group: 'email',
    regex: /[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
    notAfter: /[A-Za-z0-9._%+-]/,
    keywords: ['@'],
    anchor: { char: '@', left: /[A-Za-z0-9._%+-]/, maxLeft: 64 },
    maxLength: 64 + 1 + 8 * 64 + 24,
    allow: [
      /^git@/,
      /\.(?:png|jpe?g|gif|svg|webp|ico|js|mjs|cjs|ts|tsx|jsx|json|css|scss|map|md|txt|lock|ya?ml)$/i,
    ],
  },
  {
    id: 'phone',
    locator: PII_DIGIT_GROUPS,
    display: 'phone',
    group: 'phone',
    regex: /(?:\+1[-. ]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[-. ])[2-9]\d{2}[-. ]\d{4}(?![\w-]|\.\d)/g,
    notAfter: /[\w+.-]/,
    keywords: [],
    maxLength: 20,
  },
  {
    id: 'credit_card',
    locator: PII_DIGIT_GROUPS,
    display: 'credit_card',
    group: 'credit_card',
    regex:
      /(?:[2-6]\d{3}(?:( ?)\d{4}\1\d{4}\1\d{4}|(-)\d{4}\2\d{4}\2\d{4}|\d{12}\d{3})|3[47]\d{2}( ?|-)\d{6}\3\d{5})(?![\w-]|\.\d)/g,
    notAfter: /[\w.-]/,
    keywords: [],
    maxLength: 23,
    validator: 'luhn',
    allow: [/^(\d)\1+$/],
  },
  {
    id: 'ssn',
    locator: PII_DIGIT_GROUPS,
    display: 'ssn',
    group: 'ssn',
    regex: /[0-8]\d{2}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\w-]|\.\d)/g,
    notAfter: /[\w.-]/,
    keywords: [],
    maxLength: 11,
    allow: [/^(?:000|666)/],
  },
];
