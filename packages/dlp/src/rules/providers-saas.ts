import type { Rule } from '../rule';
import { tokenRule } from './define';

/** Messaging, payment and AI provider tokens. */
export const SAAS_RULES: readonly Rule[] = [
  tokenRule({
    id: 'slack_api_token',
    display: 'SLACK_TOKEN',
    regex:
      /(?<![A-Za-z0-9_-])(?:xox[abposre]-[0-9A-Za-z-]{10,250}|xapp-\d-[A-Z0-9]{9,12}-\d{10,14}-[a-f0-9]{64})(?![A-Za-z0-9_-])/g,
    notAfter: /[A-Za-z0-9_-]/,
    keywords: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-', 'xoxe-', 'xapp-'],
    maxLength: 255,
  }),
  tokenRule({
    id: 'slack_webhook',
    display: 'SLACK_WEBHOOK',
    regex: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56}(?![A-Za-z0-9+/])/g,
    keywords: ['hooks.slack.com'],
    maxLength: 90,
  }),
  tokenRule({
    id: 'stripe_key',
    display: 'STRIPE_KEY',
    regex: /(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99}(?![A-Za-z0-9_])/g,
    notAfter: /[A-Za-z0-9_]/,
    keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'],
    maxLength: 107,
  }),
  tokenRule({
    id: 'openai_api_key',
    display: 'OPENAI_KEY',
    regex:
      /sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,200}|[A-Za-z0-9]{20})T3BlbkFJ[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g,
    notAfter: /[A-Za-z0-9_-]/,
    keywords: ['sk-'],
    maxLength: 420,
  }),
  tokenRule({
    id: 'anthropic_api_key',
    display: 'ANTHROPIC_KEY',
    regex: /(?<![A-Za-z0-9_-])sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/g,
    notAfter: /[A-Za-z0-9_-]/,
    keywords: ['sk-ant-'],
    maxLength: 110,
  }),
  tokenRule({
    id: 'twilio_api_key',
    display: 'TWILIO_KEY',
    regex: /SK[0-9a-f]{32}(?![A-Za-z0-9_])/g,
    notAfter: /[A-Za-z0-9_]/,
    keywords: ['SK'],
    maxLength: 34,
  }),
  tokenRule({
    id: 'sendgrid_key',
    display: 'SENDGRID_KEY',
    regex: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    notAfter: /[A-Za-z0-9_-]/,
    keywords: ['SG.'],
    maxLength: 69,
  }),
  tokenRule({
    id: 'discord_webhook',
    display: 'DISCORD_WEBHOOK',
    regex:
      /discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/(?<secret>[A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])/g,
    keywords: ['discord'],
    maxLength: 120,
  }),
  tokenRule({
    id: 'discord_bot_token',
    display: 'DISCORD_TOKEN',
    regex:
      /discord[A-Za-z0-9_.-]{0,30}\\?["']?[ \t]{0,4}(?:=|:=|=>|:)[ \t]{0,4}\\?["']?(?<secret>[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40})(?![A-Za-z0-9_-])/gi,
    keywords: ['discord'],
    maxLength: 130,
  }),
  tokenRule({
    id: 'telegram_bot_token',
    display: 'TELEGRAM_TOKEN',
    regex: /\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g,
    notAfter: /[A-Za-z0-9_:]/,
    keywords: [':AA'],
    maxLength: 46,
    keywordStartsMatch: false,
  }),
];
