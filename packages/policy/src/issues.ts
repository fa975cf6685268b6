/** One problem found in a policy or config file, with the position of the offending YAML node. */
export interface PolicyIssue {
  /** zod issue code, `yaml` for syntax errors, or one of ours (`invalid_regex`, `invalid_glob`, ...) */
  code: string;
  /** Path of keys and indexes from the document root, e.g. ['file_rules', 3, 'paths', 0]. */
  path: (string | number)[];
  message: string;
  /** 1-based; 0 when the position is unknown. */
  line: number;
  col: number;
  file?: string;
}

/** `file_rules[3].paths[0]` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out === '' ? '(root)' : out;
}

/** `policy.yaml:12:7: file_rules[3].paths[0]: invalid glob ...` */
export function formatIssue(issue: PolicyIssue): string {
  const where = `${issue.file ?? '<input>'}:${issue.line}:${issue.col}`;
  return `${where}: ${formatPath(issue.path)}: ${issue.message}`;
}
