export type { PolicyErrorCode, PolicyErrorOptions } from './errors';
export { isPolicyError, PolicyError } from './errors';
export type { PolicyIssue } from './issues';
export { formatIssue, formatPath } from './issues';
export type { ParsePolicyOptions, ParsePolicyResult } from './parse-policy';
export { loadPolicy, parsePolicy } from './parse-policy';
export type { DetectProjectRootOptions, ProjectRoots } from './project-root';
export { DEFAULT_PROJECT_MARKERS, detectProjectRoot } from './project-root';
export type {
  CommandRule,
  ConnectRedirect,
  DnsRedirect,
  EnvPolicy,
  FileRule,
  NetworkRule,
  Policy,
  SignalRule,
  UnixSocketRule,
} from './schema';
export { PolicySchema } from './schema';
export type { ExpandPolicyResult, PolicyVariables } from './variables';
export { expandPolicy, expandVariables } from './variables';
