import type { Rule } from '../rule';
import { tokenRule } from './define';

/**
 * agentsh-modal's nine dlp.custom_patterns (config.yaml), with their names and display names. The
 * regexes keep Modal's shapes but add token boundaries and cap the open-ended repeats so every
 * rule has a maximum length.
 */
export const MODAL_RULES: readonly Rule[] = [
  tokenRule({
    id: 'modal_key',
    display: 'MODAL_KEY',
    regex: /ak-[a-zA-Z0-9]{32,256}(?![A-Za-z0-9])/g,
    notAfter: /[A-Za-z0-9_-]/,
    keywords: ['ak-'],
    maxLength: 259,
  }),
  tokenRule({
    id: 'openai_key',
    display: 'OPENAI_KEY',
    regex: /sk-[a-zA-Z0-9]{48,256}(?![A-Za-z0-9])/g,
    notAfter: /[A-Za-z0-9_-]/,
    keywords: ['sk-'],
    maxLength: 259,
  }),
  tokenRule({
    id: 'anthropic_key',
    display: 'ANTHROPIC_KEY',
    regex: /(?<![A-Za-z0-9_-])sk-ant-[a-zA-Z0-9-]{95,256}(?![A-Za-z0-9-])/g,
    notAfter: /[A-Za-z0-9_-]/,
    keywords: ['sk-ant-'],
    maxLength: 263,
  }),
  tokenRule({
    id: 'aws_access_key',
    display: 'AWS_KEY',
    regex: /AKIA[0-9A-Z]{16}(?![A-Za-z0-9])/g,
    notAfter: /[A-Za-z0-9]/,
    keywords: ['AKIA'],
    maxLength: 20,
  }),
  tokenRule({
    id: 'github_pat',
    display: 'GITHUB_TOKEN',
    regex: /ghp_[a-zA-Z0-9]{36}(?![A-Za-z0-9_])/g,
    notAfter: /[A-Za-z0-9_]/,
    keywords: ['ghp_'],
    maxLength: 40,
  }),
  tokenRule({
    id: 'github_oauth',
    display: 'GITHUB_OAUTH',
    regex: /gho_[a-zA-Z0-9]{36}(?![A-Za-z0-9_])/g,
    notAfter: /[A-Za-z0-9_]/,
    keywords: ['gho_'],
    maxLength: 40,
  }),
  tokenRule({
    id: 'jwt_token',
    display: 'JWT',
    regex:
      /(?<![A-Za-z0-9_-])eyJ[a-zA-Z0-9_-]{1,1024}\.eyJ[a-zA-Z0-9_-]{1,4096}\.[a-zA-Z0-9_-]{0,1024}(?![A-Za-z0-9_-])/g,
    notAfter: /[A-Za-z0-9_-]/,
    keywords: ['eyJ'],
    maxLength: 6150,
  }),
  tokenRule({
    id: 'private_key',
    display: 'PRIVATE_KEY',
    regex: /-----BEGIN [A-Z]{1,20} PRIVATE KEY-----/g,
    keywords: ['-----BEGIN'],
    maxLength: 51,
  }),
  tokenRule({
    id: 'slack_token',
    display: 'SLACK_TOKEN',
    regex: /xox[baprs]-[0-9]{10,13}-[0-9]{10,13}-[a-zA-Z0-9]{24}(?![A-Za-z0-9])/g,
    notAfter: /[A-Za-z0-9_-]/,
    keywords: ['xoxb-', 'xoxa-', 'xoxp-', 'xoxr-', 'xoxs-'],
    maxLength: 59,
  }),
];
