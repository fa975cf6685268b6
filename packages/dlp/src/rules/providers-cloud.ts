import type { Rule } from '../rule';
import { tokenRule } from './define';
import { ASSIGN_FOLLOW, step } from './follow-steps';

/** Cloud provider credentials. */
export const CLOUD_RULES: readonly Rule[] = [
  tokenRule({
    id: 'aws_access_key_id',
    display: 'AWS_KEY',
    regex: /(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Za-z0-9])/g,
    notAfter: /[A-Za-z0-9]/,
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
    maxLength: 20,
  }),
  tokenRule(
    {
      id: 'aws_secret_access_key',
      display: 'AWS_SECRET_KEY',
      regex:
        /(?:secret[_-]?access[_-]?key|aws[_-]?secret[_-]?key)\\?["']?[ \t]{0,4}(?:=|:=|=>|:)[ \t]{0,4}\\?["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
      keywords: ['secret', 'aws'],
      maxLength: 90,
    },
    {
      allow: [/^[a-z]+$/i, /^[0-9a-f]{40}$/i],
      follow: [step(/[A-Za-z_-]/, 12, 17), ...ASSIGN_FOLLOW, step(/[A-Za-z0-9/+]/, 40)],
    },
  ),
  tokenRule({
    id: 'google_api_key',
    display: 'GOOGLE_API_KEY',
    regex: /AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    notAfter: /[A-Za-z0-9_-]/,
    keywords: ['AIza'],
    maxLength: 39,
  }),
  tokenRule({
    id: 'azure_storage_key',
    display: 'AZURE_STORAGE_KEY',
    regex: /AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/gi,
    keywords: ['accountkey='],
    maxLength: 99,
  }),
  tokenRule({
    id: 'digitalocean_token',
    display: 'DIGITALOCEAN_TOKEN',
    regex: /do[por]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])/g,
    notAfter: /[A-Za-z0-9_]/,
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    maxLength: 71,
  }),
  tokenRule({
    id: 'databricks_token',
    display: 'DATABRICKS_TOKEN',
    regex: /dapi[a-f0-9]{32}(?:-\d)?(?![A-Za-z0-9_])/g,
    notAfter: /[A-Za-z0-9_]/,
    keywords: ['dapi'],
    maxLength: 38,
  }),
  tokenRule({
    id: 'shopify_token',
    display: 'SHOPIFY_TOKEN',
    regex: /shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])/g,
    notAfter: /[A-Za-z0-9_]/,
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    maxLength: 38,
  }),
  tokenRule(
    {
      id: 'modal_token',
      display: 'MODAL_KEY',
      regex: /(?:ak|as)-[A-Za-z0-9]{16,64}(?![A-Za-z0-9_-])/g,
      notAfter: /[A-Za-z0-9_-]/,
      keywords: ['ak-', 'as-'],
      maxLength: 67,
    },
    { validator: 'mixed-token' },
  ),
];
