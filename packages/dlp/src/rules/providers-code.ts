import type { Rule } from '../rule';
import { tokenRule } from './define';

/** Source hosting and package registry tokens. */
export const CODE_HOST_RULES: readonly Rule[] = [
  tokenRule(
    {
      id: 'github_token',
      display: 'GITHUB_TOKEN',
      regex: /gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
      notAfter: /[A-Za-z0-9_]/,
      keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
      maxLength: 40,
    },
    { validator: 'github-crc32' },
  ),
  tokenRule({
    id: 'github_fine_grained_pat',
    display: 'GITHUB_TOKEN',
    regex: /github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/g,
    notAfter: /[A-Za-z0-9_]/,
    keywords: ['github_pat_'],
    maxLength: 93,
  }),
  tokenRule({
    id: 'gitlab_token',
    display: 'GITLAB_TOKEN',
    regex:
      /(?<![A-Za-z0-9_-])(?:glpat|glptt|glrt|gldt|glcbt|glft|gloas|glsoat)-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g,
    notAfter: /[A-Za-z0-9_-]/,
    keywords: ['glpat-', 'glptt-', 'glrt-', 'gldt-', 'glcbt-', 'glft-', 'gloas-', 'glsoat-'],
    maxLength: 71,
  }),
  tokenRule(
    {
      id: 'npm_token',
      display: 'NPM_TOKEN',
      regex: /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
      notAfter: /[A-Za-z0-9_]/,
      keywords: ['npm_'],
      maxLength: 40,
    },
    { validator: 'github-crc32' },
  ),
  tokenRule({
    id: 'pypi_token',
    display: 'PYPI_TOKEN',
    regex: /(?<![A-Za-z0-9_-])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/g,
    notAfter: /[A-Za-z0-9_-]/,
    keywords: ['pypi-AgEIcHlwaS5vcmc'],
    maxLength: 1024,
  }),
  tokenRule({
    id: 'huggingface_token',
    display: 'HUGGINGFACE_TOKEN',
    regex: /(?:hf_|api_org_)[A-Za-z]{34}(?![A-Za-z0-9_])/g,
    notAfter: /[A-Za-z0-9_]/,
    keywords: ['hf_', 'api_org_'],
    maxLength: 42,
  }),
];
