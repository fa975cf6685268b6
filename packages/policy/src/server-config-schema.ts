import { z } from 'zod';
import { DEFAULT_PROJECT_MARKERS } from './project-root';
import { DURATION_RE } from './schema';

// agentsh's server config (config.yaml). Lenient like Go's yaml.Unmarshal: unknown keys are dropped,
// wrong types of known keys are errors. Defaults are agentsh v0.16's (agentsh.md 2.5) except
// server.http.addr (127.0.0.1:18080), the ptrace block (HEAD's defaults) and unix_sockets.enabled
// (defaults to off when ptrace is on, instead of failing the mutual-exclusion check).

export interface ServerConfigContext {
  dataDir: string;
  configDir: string;
}

const duration = z.string().regex(DURATION_RE, 'expected a Go duration such as 30s, 5m or 1h');
const bool = (d: boolean) => z.boolean().default(d);
const int = (d: number) => z.number().int().default(d);
const strList = z.array(z.string());
const loose = z.record(z.string(), z.unknown());

const ServerSection = z.object({
  http: z
    .object({
      addr: z.string().default('127.0.0.1:18080'),
      read_timeout: duration.default('30s'),
      write_timeout: duration.default('5m'),
      max_request_size: z.union([z.string(), z.number()]).default('10MB'),
    })
    .prefault({}),
  grpc: z.object({ enabled: bool(false), addr: z.string().default('127.0.0.1:9090') }).prefault({}),
  unix_socket: z
    .object({
      enabled: bool(false),
      path: z.string().optional(),
      permissions: z.union([z.string(), z.number()]).optional(),
    })
    .prefault({}),
  tls: z
    .object({
      enabled: bool(false),
      cert_file: z.string().optional(),
      key_file: z.string().optional(),
      ca_file: z.string().optional(),
    })
    .prefault({}),
});

const PtraceSection = z.object({
  enabled: bool(false),
  attach_mode: z.string().default('children'),
  target_pid: z.number().int().optional(),
  target_pid_file: z.string().optional(),
  mask_tracer_pid: z.string().default('off'),
  on_attach_failure: z.string().default('fail_open'),
  trace: z
    .object({ execve: bool(true), file: bool(true), network: bool(true), signal: bool(true) })
    .prefault({}),
  performance: z
    .object({
      seccomp_prefilter: bool(true),
      max_tracees: int(500),
      max_hold_ms: int(5000),
      /** ours: idle CPUs poll while traced commands run (PM QoS 0 µs; cheaper stops in VMs) */
      idle_polling: bool(false),
    })
    .prefault({}),
});

const SandboxSection = z.object({
  enabled: bool(true),
  allow_degraded: bool(false),
  limits: z
    .object({
      max_memory_mb: int(2048),
      max_cpu_percent: int(50),
      max_processes: int(100),
      max_disk_io_mbps: int(100),
      max_network_mbps: int(50),
    })
    .prefault({}),
  fuse: z
    .object({
      enabled: bool(false),
      deferred: bool(false),
      deferred_marker_file: z.string().optional(),
      deferred_enable_command: strList.optional(),
      mount_base_dir: z.string().optional(),
      audit: loose.optional(),
    })
    .prefault({}),
  network: z
    .object({
      enabled: bool(false),
      proxy_port: int(9080),
      dns_port: int(9053),
      intercept_mode: z.enum(['all', 'tcp_only', 'monitor']).default('all'),
      proxy_listen_addr: z.string().default('127.0.0.1:0'),
      /** ours: upstream DNS servers of the per-session proxies (host:port or a list); default resolv.conf */
      dns_upstream: z.union([z.string(), z.array(z.string())]).optional(),
      tls_inspection: loose.optional(),
      transparent: loose.optional(),
      ebpf: loose.optional(),
      rate_limits: loose.optional(),
    })
    .prefault({}),
  cgroups: z.object({ enabled: bool(false), base_path: z.string().optional() }).prefault({}),
  unix_sockets: z
    .object({ enabled: z.boolean().optional(), wrapper_bin: z.string().optional() })
    .prefault({}),
  seccomp: z
    .object({
      enabled: bool(false),
      mode: z.string().default('enforce'),
      execve: z
        .object({ enabled: bool(false) })
        .loose()
        .prefault({}),
      syscalls: loose.optional(),
      unix_socket: loose.optional(),
      file_monitor: loose.optional(),
    })
    .prefault({}),
  ptrace: PtraceSection.prefault({}),
  env_inject: z.record(z.string(), z.string()).default({}),
  mcp: loose.optional(),
  xpc: loose.optional(),
});

const DlpSection = z.object({
  mode: z.enum(['redact', 'tokenize', 'disabled']).default('redact'),
  patterns: z
    .object({
      email: bool(true),
      phone: bool(true),
      credit_card: bool(true),
      ssn: bool(true),
      api_keys: bool(true),
    })
    .prefault({}),
  custom_patterns: z
    .array(z.object({ name: z.string(), display: z.string().optional(), regex: z.string() }))
    .default([]),
});

/** The schema with defaults that depend on where data and the config file live. */
export function serverConfigSchema(ctx: ServerConfigContext) {
  return z.object({
    platform: z
      .object({
        mode: z.enum(['auto', 'linux', 'darwin', 'darwin-lima', 'windows', 'windows-wsl2']).default('auto'),
      })
      .prefault({}),
    server: ServerSection.prefault({}),
    auth: z
      .object({
        type: z.enum(['none', 'api_key', 'oidc', 'hybrid']).default('none'),
        api_key: z
          .object({ keys_file: z.string().optional(), header_name: z.string().default('X-API-Key') })
          .prefault({}),
        oidc: loose.optional(),
      })
      .prefault({}),
    logging: z
      .object({
        level: z.string().default('info'),
        format: z.string().default('text'),
        output: z.string().default('stderr'),
      })
      .prefault({}),
    audit: z
      .object({
        enabled: bool(true),
        output: z.string().optional(),
        storage: z.object({ sqlite_path: z.string().default(`${ctx.dataDir}/events.db`) }).prefault({}),
        rotation: z.object({ max_size_mb: int(500), max_backups: int(10) }).prefault({}),
        webhook: loose.optional(),
        integrity: loose.optional(),
        encryption: loose.optional(),
        otel: z
          .object({
            enabled: bool(false),
            endpoint: z.string().default('localhost:4317'),
            protocol: z.string().default('grpc'),
          })
          .loose()
          .prefault({}),
      })
      .prefault({}),
    sessions: z
      .object({
        base_dir: z.string().default(`${ctx.dataDir}/sessions`),
        max_sessions: int(100),
        default_timeout: duration.optional(),
        default_idle_timeout: duration.optional(),
        cleanup_interval: duration.default('1m'),
        real_paths: bool(false),
        checkpoints: loose.optional(),
      })
      .prefault({}),
    sandbox: SandboxSection.prefault({}),
    policies: z
      .object({
        dir: z.string().default(`${ctx.configDir}/policies`),
        default: z.string().default('default'),
        allowed: strList.optional(),
        manifest_path: z.string().optional(),
        env_policy: loose.optional(),
        env_shim_path: z.string().optional(),
        reload_interval: duration.optional(),
        detect_project_root: bool(true),
        project_markers: strList.default([...DEFAULT_PROJECT_MARKERS]),
      })
      .prefault({}),
    approvals: z
      .object({
        enabled: bool(false),
        mode: z.string().default('local_tty'),
        timeout: duration.default('5m'),
      })
      .prefault({}),
    metrics: z.object({ enabled: bool(true), path: z.string().default('/metrics') }).prefault({}),
    health: z
      .object({ path: z.string().default('/health'), readiness_path: z.string().default('/ready') })
      .prefault({}),
    development: z
      .object({
        debug: bool(false),
        disable_auth: bool(false),
        disable_policy: bool(false),
        pprof: z.object({ enabled: bool(false), addr: z.string().default('localhost:6060') }).prefault({}),
      })
      .prefault({}),
    proxy: z
      .object({
        mode: z.string().default('embedded'),
        port: int(0),
        providers: z
          .object({
            anthropic: z.string().default('https://api.anthropic.com'),
            openai: z.string().default('https://api.openai.com'),
          })
          .prefault({}),
        rate_limits: loose.optional(),
      })
      .prefault({}),
    dlp: DlpSection.prefault({}),
    threat_feeds: z
      .object({
        enabled: bool(false),
        action: z.enum(['deny', 'audit']).default('deny'),
        feeds: z
          .array(z.object({ name: z.string(), url: z.string(), format: z.enum(['hostfile', 'domain-list']) }))
          .default([]),
        local_lists: z.array(z.unknown()).default([]),
        allowlist: strList.default([]),
        sync_interval: duration.default('6h'),
        cache_dir: z.string().default(`${ctx.dataDir}/threat-feeds`),
      })
      .prefault({}),
    package_checks: loose.optional(),
    llm_storage: loose.optional(),
    security: loose.optional(),
    landlock: loose.optional(),
    capabilities: loose.optional(),
    mount_profiles: loose.optional(),
  });
}

export type ServerConfig = z.infer<ReturnType<typeof serverConfigSchema>>;
