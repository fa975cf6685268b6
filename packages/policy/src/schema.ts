import { z } from 'zod';

// The agentsh v0.16 policy grammar. Strict: an unknown key anywhere is an error, as in agentsh
// (yaml.v3 KnownFields). Generated-table style file: one schema per YAML object, types inferred.

const str = z.string();
const strList = z.array(z.string());
/** Go time.ParseDuration syntax: 300ms, 5m, 1h30m, 1.5h. No `d` unit. */
export const DURATION_RE = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$|^0$/;
const duration = z.string().regex(DURATION_RE, 'expected a Go duration such as 30s, 5m or 1h');
/** Decisions are free strings in agentsh (unknown ones deny at run time); the linter reports them. */
const decision = z.string();

export const FileRuleSchema = z.strictObject({
  name: str.optional(),
  description: str.optional(),
  paths: strList.default([]),
  operations: strList.default([]),
  decision,
  message: str.optional(),
  timeout: duration.optional(),
  redirect_to: str.optional(),
  preserve_tree: z.boolean().optional(),
});

export const NetworkRuleSchema = z.strictObject({
  name: str.optional(),
  description: str.optional(),
  domains: strList.default([]),
  ports: z.array(z.number().int().min(0).max(65535)).default([]),
  cidrs: strList.default([]),
  decision,
  message: str.optional(),
  timeout: duration.optional(),
});

export const CommandContextSchema = z.union(
  [
    z.array(z.enum(['direct', 'nested'])),
    z.strictObject({
      min_depth: z.number().int().min(0).optional(),
      max_depth: z.number().int().min(-1).optional(),
    }),
  ],
  { error: 'context must be a list of direct/nested or {min_depth, max_depth}' },
);

export const CommandRedirectSchema = z.strictObject({
  command: str,
  args: strList.optional(),
  args_append: strList.optional(),
  environment: z.record(z.string(), z.string()).optional(),
});

export const CommandRuleSchema = z.strictObject({
  name: str.optional(),
  description: str.optional(),
  commands: strList.default([]),
  args_patterns: strList.default([]),
  decision,
  message: str.optional(),
  timeout: duration.optional(),
  redirect_to: CommandRedirectSchema.optional(),
  context: CommandContextSchema.optional(),
  env_allow: strList.optional(),
  env_deny: strList.optional(),
  env_max_bytes: z.number().int().min(0).optional(),
  env_max_keys: z.number().int().min(0).optional(),
  env_block_iteration: z.boolean().optional(),
});

export const UnixSocketRuleSchema = z.strictObject({
  name: str.optional(),
  description: str.optional(),
  paths: strList.default([]),
  operations: strList.default([]),
  decision,
  message: str.optional(),
  timeout: duration.optional(),
});

export const RegistryRuleSchema = z.strictObject({
  name: str.optional(),
  description: str.optional(),
  paths: strList.default([]),
  operations: strList.default([]),
  decision,
  priority: z.number().int().optional(),
  cache_ttl: duration.optional(),
  notify: z.boolean().optional(),
  message: str.optional(),
  timeout: duration.optional(),
});

export const SignalRuleSchema = z.strictObject({
  name: str.optional(),
  description: str.optional(),
  signals: z
    .array(z.union([z.string(), z.number().int()], { error: 'a signal is a name, a number or a @group' }))
    .default([]),
  target: z
    .strictObject({
      type: str,
      pattern: str.optional(),
      min: z.number().int().optional(),
      max: z.number().int().optional(),
    })
    .optional(),
  decision,
  fallback: str.optional(),
  redirect_to: z.union([z.string(), z.number().int()]).optional(),
  message: str.optional(),
  timeout: duration.optional(),
});

export const DnsRedirectSchema = z.strictObject({
  name: str.min(1),
  match: str.min(1),
  resolve_to: str.min(1),
  visibility: z.enum(['silent', 'audit_only', 'warn']).optional(),
  on_failure: z.enum(['fail_closed', 'fail_open', 'retry_original']).optional(),
});

export const ConnectRedirectSchema = z.strictObject({
  name: str.min(1),
  match: str.min(1),
  redirect_to: str.min(1),
  tls: z
    .strictObject({ mode: z.enum(['passthrough', 'rewrite_sni']).optional(), sni: str.optional() })
    .optional(),
  visibility: z.enum(['silent', 'audit_only', 'warn']).optional(),
  message: str.optional(),
  on_failure: z.enum(['fail_closed', 'fail_open', 'retry_original']).optional(),
});

export const ResourceLimitsSchema = z.strictObject({
  max_memory_mb: z.number().int().min(0).optional(),
  memory_swap_max_mb: z.number().int().min(0).optional(),
  cpu_quota_percent: z.number().int().min(0).optional(),
  disk_read_bps_max: z.number().int().min(0).optional(),
  disk_write_bps_max: z.number().int().min(0).optional(),
  net_bandwidth_mbps: z.number().int().min(0).optional(),
  pids_max: z.number().int().min(0).optional(),
  command_timeout: duration.optional(),
  session_timeout: duration.optional(),
  idle_timeout: duration.optional(),
});

export const EnvPolicySchema = z.strictObject({
  allow: strList.optional(),
  deny: strList.optional(),
  max_bytes: z.number().int().min(0).optional(),
  max_keys: z.number().int().min(0).optional(),
  block_iteration: z.boolean().optional(),
});

export const AuditSettingsSchema = z.strictObject({
  log_allowed: z.boolean().optional(),
  log_denied: z.boolean().optional(),
  log_approved: z.boolean().optional(),
  include_stdout: z.boolean().optional(),
  include_stderr: z.boolean().optional(),
  include_file_content: z.boolean().optional(),
  retention_days: z.number().int().min(0).optional(),
});

const McpToolRef = z.strictObject({
  server: str.optional(),
  tool: str.optional(),
  content_hash: str.optional(),
});
const McpServerRef = z.strictObject({ id: str });

export const McpRulesSchema = z.strictObject({
  enforce_policy: z.boolean().optional(),
  tool_policy: str.optional(),
  allowed_tools: z.array(McpToolRef).optional(),
  denied_tools: z.array(McpToolRef).optional(),
  server_policy: str.optional(),
  allowed_servers: z.array(McpServerRef).optional(),
  denied_servers: z.array(McpServerRef).optional(),
  version_pinning: z
    .strictObject({
      enabled: z.boolean().optional(),
      on_change: str.optional(),
      auto_trust_first: z.boolean().optional(),
    })
    .optional(),
  cross_server: z
    .record(z.string(), z.union([z.boolean(), z.strictObject({ enabled: z.boolean().optional() })]))
    .optional(),
});

const IdentityMatch = z.strictObject({
  comm: strList.optional(),
  exe_path: strList.optional(),
  cmdline: strList.optional(),
  bundle_id: strList.optional(),
  exe_name: strList.optional(),
});

export const ProcessIdentitySchema = z.strictObject({
  description: str.optional(),
  linux: IdentityMatch.optional(),
  darwin: IdentityMatch.optional(),
  windows: IdentityMatch.optional(),
  all_platforms: IdentityMatch.optional(),
});

export const ChainRuleSchema = z.strictObject({
  name: str,
  description: str.optional(),
  priority: z.number().int().optional(),
  condition: z.record(z.string(), z.unknown()).optional(),
  action: str,
  continue: z.boolean().optional(),
  message: str.optional(),
});

export const ProcessContextSchema = z.strictObject({
  description: str.optional(),
  identities: strList.optional(),
  chain_rules: z.array(ChainRuleSchema).optional(),
  command_rules: z.array(CommandRuleSchema).optional(),
  file_rules: z.array(FileRuleSchema).optional(),
  network_rules: z.array(NetworkRuleSchema).optional(),
  unix_socket_rules: z.array(UnixSocketRuleSchema).optional(),
  env_policy: EnvPolicySchema.optional(),
  allowed_commands: strList.optional(),
  denied_commands: strList.optional(),
  require_approval: strList.optional(),
  command_overrides: z
    .record(
      z.string(),
      z.strictObject({
        args_allow: strList.optional(),
        args_deny: strList.optional(),
        default: str.optional(),
      }),
    )
    .optional(),
  default_decision: str.optional(),
  race_policy: z.record(z.string(), z.unknown()).optional(),
  max_depth: z.number().int().optional(),
  stop_at: strList.optional(),
  pass_through: strList.optional(),
});

export const PackageRuleSchema = z.strictObject({
  match: z.strictObject({
    packages: strList.optional(),
    name_patterns: strList.optional(),
    finding_type: z.enum(['vulnerability', 'license', 'provenance', 'reputation', 'malware']).optional(),
    severity: z.enum(['critical', 'high', 'medium', 'low', 'info']).optional(),
    reasons: strList.optional(),
    license_spdx: z.strictObject({ allow: strList.optional(), deny: strList.optional() }).optional(),
    ecosystem: z.enum(['npm', 'pypi']).optional(),
  }),
  action: z.enum(['allow', 'warn', 'approve', 'block']),
  reason: str.optional(),
});

export const PolicySchema = z.strictObject({
  version: z.number().int().min(1, 'version must be > 0'),
  name: str.min(1, 'name is required'),
  description: str.optional(),
  file_rules: z.array(FileRuleSchema).default([]),
  network_rules: z.array(NetworkRuleSchema).default([]),
  command_rules: z.array(CommandRuleSchema).default([]),
  unix_socket_rules: z.array(UnixSocketRuleSchema).default([]),
  registry_rules: z.array(RegistryRuleSchema).default([]),
  signal_rules: z.array(SignalRuleSchema).default([]),
  dns_redirects: z.array(DnsRedirectSchema).default([]),
  connect_redirects: z.array(ConnectRedirectSchema).default([]),
  resource_limits: ResourceLimitsSchema.optional(),
  env_policy: EnvPolicySchema.optional(),
  audit: AuditSettingsSchema.optional(),
  env_inject: z.record(z.string(), z.string()).optional(),
  mcp_rules: McpRulesSchema.optional(),
  process_contexts: z.record(z.string(), ProcessContextSchema).optional(),
  process_identities: z.record(z.string(), ProcessIdentitySchema).optional(),
  package_rules: z.array(PackageRuleSchema).optional(),
  transparent_commands: z.strictObject({ add: strList.optional(), remove: strList.optional() }).optional(),
});

export type Policy = z.infer<typeof PolicySchema>;
export type FileRule = z.infer<typeof FileRuleSchema>;
export type NetworkRule = z.infer<typeof NetworkRuleSchema>;
export type CommandRule = z.infer<typeof CommandRuleSchema>;
export type UnixSocketRule = z.infer<typeof UnixSocketRuleSchema>;
export type SignalRule = z.infer<typeof SignalRuleSchema>;
export type DnsRedirect = z.infer<typeof DnsRedirectSchema>;
export type ConnectRedirect = z.infer<typeof ConnectRedirectSchema>;
export type EnvPolicy = z.infer<typeof EnvPolicySchema>;
