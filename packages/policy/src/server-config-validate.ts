import type { ServerConfig } from './server-config-schema';

export interface ConfigProblem {
  path: string[];
  message: string;
}

const APPROVAL_MODES = ['local_tty', 'api', 'totp', 'webauthn'];

function checkPtrace(cfg: ServerConfig, out: ConfigProblem[]): void {
  const p = cfg.sandbox.ptrace;
  if (!p.enabled) return;
  const at = (key: string) => ['sandbox', 'ptrace', key];
  if (cfg.sandbox.unix_sockets.enabled === true) {
    out.push({
      path: ['sandbox', 'unix_sockets', 'enabled'],
      message: 'sandbox.ptrace and sandbox.unix_sockets cannot both be enabled',
    });
  }
  if (cfg.sandbox.seccomp.execve.enabled === true) {
    out.push({
      path: ['sandbox', 'seccomp', 'execve', 'enabled'],
      message: 'sandbox.ptrace and sandbox.seccomp.execve cannot both be enabled',
    });
  }
  if (p.attach_mode !== 'children' && p.attach_mode !== 'pid') {
    out.push({
      path: at('attach_mode'),
      message: `attach_mode must be children or pid, got "${p.attach_mode}"`,
    });
  }
  if (p.attach_mode === 'pid' && p.target_pid === undefined && p.target_pid_file === undefined) {
    out.push({ path: at('attach_mode'), message: 'attach_mode pid needs target_pid or target_pid_file' });
  }
  if (p.on_attach_failure !== 'fail_open' && p.on_attach_failure !== 'fail_closed') {
    out.push({
      path: at('on_attach_failure'),
      message: `on_attach_failure must be fail_open or fail_closed, got "${p.on_attach_failure}"`,
    });
  }
  if (p.mask_tracer_pid !== 'off')
    out.push({ path: at('mask_tracer_pid'), message: 'mask_tracer_pid must be "off"' });
  if (p.performance.max_hold_ms <= 0) {
    out.push({
      path: ['sandbox', 'ptrace', 'performance', 'max_hold_ms'],
      message: 'max_hold_ms must be > 0',
    });
  }
}

/** Cross-field rules agentsh enforces after parsing. */
export function validateServerConfig(cfg: ServerConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  checkPtrace(cfg, out);
  if (cfg.approvals.enabled && !APPROVAL_MODES.includes(cfg.approvals.mode)) {
    out.push({
      path: ['approvals', 'mode'],
      message: `approvals.mode must be one of ${APPROVAL_MODES.join(', ')}, got "${cfg.approvals.mode}"`,
    });
  }
  return out;
}

/** unix_sockets.enabled defaults to "not ptrace" (agentsh defaults it to true and then fails validation). */
export function applyDerivedDefaults(cfg: ServerConfig): ServerConfig {
  if (cfg.sandbox.unix_sockets.enabled === undefined)
    cfg.sandbox.unix_sockets.enabled = !cfg.sandbox.ptrace.enabled;
  return cfg;
}
