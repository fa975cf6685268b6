export type { CompileOptions } from './compile';
export { compile } from './compile';
export type {
  CommandRedirect,
  ConnectRedirectTarget,
  Decision,
  DecisionOptions,
  DnsRedirectTarget,
  EffectiveDecision,
  FileRedirect,
  PolicyDecisionResult,
  RedirectTarget,
} from './decision';
export { toEffective } from './decision';
export { parseGoDuration } from './duration';
export type { Engine, EngineOptions } from './engine';
export { createEngine } from './engine';
export { DEFAULT_SECRET_DENY } from './env-matcher';
export type { ResolvedEnvPolicy } from './env-merge';
export { mergeEnvPolicy } from './env-merge';
export type { PolicyErrorCode, PolicyErrorOptions } from './errors';
export { isPolicyError, PolicyError } from './errors';
export { evaluate } from './evaluate';
export type { EvaluateCompiledOptions } from './evaluate-compiled';
export { evaluateCompiled } from './evaluate-compiled';
export { compileGlob } from './glob';
export type { PolicyIssue } from './issues';
export { formatIssue, formatPath } from './issues';
export type { LintIssue, LintOptions, LintResult, Severity } from './lint';
export { lintPolicy } from './lint';
export type { MessageFields } from './message';
export { renderMessage } from './message';
export type { Resolver, ThreatFeedCheck } from './network-matcher';
export type { ParityCase, ParityCaseFile, ParityExpectation } from './parity';
export { resolverOf, toExpectation } from './parity';
export type { ParsePolicyOptions, ParsePolicyResult } from './parse-policy';
export { loadPolicy, parsePolicy } from './parse-policy';
export type {
  Effective,
  FileOp,
  PolicyTable,
  TableArgsPattern,
  TableCommandRule,
  TableConnectRedirect,
  TableDnsRedirect,
  TableFileRule,
  TableNetworkRule,
  TableRuleBase,
  TableSignalRule,
  TableUnixSocketRule,
  UnixSocketOp,
} from './policy-table';
export type { PolicyTestFailure, PolicyTestReport } from './policy-tests';
export { PolicyTestFileSchema, runPolicyTests, sidecarPath, validatePolicyTestFile } from './policy-tests';
export type { DetectProjectRootOptions, ProjectRoots } from './project-root';
export { DEFAULT_PROJECT_MARKERS, detectProjectRoot } from './project-root';
export type { ParseQuestionResult, Question, QuestionInput } from './question';
export { parseQuestion, QuestionSchema } from './question';
export type { EreTranslation } from './re2';
export { re2ToEre, re2ToRegExp } from './re2';
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
export type { ParseServerConfigResult, ServerConfigOptions } from './server-config';
export { loadServerConfig, parseServerConfig } from './server-config';
export type { ServerConfig } from './server-config-schema';
export type { SignalRelation, SignalTarget } from './signal-matcher';
export type { ExpandPolicyResult, PolicyVariables } from './variables';
export { expandPolicy, expandVariables } from './variables';
