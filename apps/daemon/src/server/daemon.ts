import { readIntegrityKey } from '@agentsh/audit';
import type { ServerConfig } from '@agentsh/policy';
import { type Capabilities, probeCapabilities } from '@agentsh/tracer';
import { serve } from '@hono/node-server';
import { createLogger, type Logger } from '../log/logger';
import { createApp } from './app';
import { buildContext } from './build-context';
import { splitAddr } from './config-file';
import type { Readiness } from './context';

export interface StartDaemonOptions {
  config: ServerConfig;
  env: NodeJS.ProcessEnv;
  /** skip the tracer probe and report this instead (tests) */
  probe?: () => Promise<Capabilities>;
}

export interface DaemonHandle {
  url: string;
  logger: Logger;
  stop(): Promise<void>;
}

/** Tracing works here only if SEIZE, seccomp RET_TRACE and a way to read tracee memory all do. */
export function readinessFrom(caps: Capabilities): Readiness {
  const missing = [
    caps.seize ? '' : 'PTRACE_SEIZE',
    caps.seccompTrace ? '' : 'seccomp RET_TRACE',
    caps.procMem || caps.processVmReadv ? '' : 'tracee memory access',
  ].filter(Boolean);
  return missing.length === 0
    ? { ready: true }
    : { ready: false, reason: `tracer cannot enforce: ${missing.join(', ')} unavailable` };
}

/**
 * The audit chain key: audit.integrity.key_file or key_env (agentsh's keys), else AGENTSH_AUDIT_KEY when
 * set. Without any, events are stored unchained (the log says so).
 */
function auditKey(config: ServerConfig, env: NodeJS.ProcessEnv): Buffer | undefined {
  const integrity = (config.audit.integrity ?? {}) as {
    enabled?: boolean;
    key_file?: string;
    key_env?: string;
  };
  if (integrity.enabled === false) return undefined;
  if (integrity.key_file) return readIntegrityKey({ file: integrity.key_file }, env);
  if (integrity.key_env || integrity.enabled)
    return readIntegrityKey({ env: integrity.key_env ?? 'AGENTSH_AUDIT_KEY' }, env);
  return env.AGENTSH_AUDIT_KEY ? readIntegrityKey({ env: 'AGENTSH_AUDIT_KEY' }, env) : undefined;
}

/** Starts `agentsh server`: probe the tracer, open the store, serve the API, reap idle sessions. */
export async function startDaemon(opts: StartDaemonOptions): Promise<DaemonHandle> {
  const { config, env } = opts;
  const logger = createLogger({
    level: config.logging.level,
    format: config.logging.format,
    output: config.logging.output,
  });
  let readiness: Readiness = { ready: false, reason: 'tracer probe running' };
  const { ctx, store, runtime, settled } = buildContext({
    config,
    logger,
    env,
    readiness: () => readiness,
    auditKey: auditKey(config, env),
  });
  const probing = (opts.probe ?? probeCapabilities)()
    .then((caps) => {
      readiness = readinessFrom(caps);
      if (readiness.ready)
        logger.info('ptrace tracer started', {
          mode: 'seccomp prefilter + ptrace',
          attach_mode: 'children',
          ...caps,
        });
      else logger.error('tracer unavailable: refusing to run commands', { reason: readiness.reason });
    })
    .catch((err: unknown) => {
      readiness = { ready: false, reason: `tracer probe failed: ${(err as Error).message}` };
      logger.error('tracer unavailable: refusing to run commands', { reason: readiness.reason });
    });
  const app = createApp(ctx);
  const { hostname, port } = splitAddr(config.server.http.addr);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname, port }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const url = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${bound}`;
  logger.info('agentsh server listening', {
    addr: url,
    policy: config.policies.default,
    audit_db: config.audit.storage.sqlite_path,
  });
  const reaper = setInterval(() => {
    for (const { record, reason } of ctx.sessions.reap()) {
      ctx.approvals.cancelSession(record.view.id, reason);
      void runtime.close(record.view.id);
      ctx.emit({ type: 'session_expired', session_id: record.view.id, fields: { expired_by: reason } });
    }
  }, 60_000);
  reaper.unref();
  await probing;
  return {
    url,
    logger,
    async stop() {
      clearInterval(reaper);
      const killed = ctx.exec.runner.killAll();
      if (killed > 0) logger.info('killed running commands', { count: killed });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closed;
      await runtime.closeAll();
      await settled();
      await store.close();
      logger.info('agentsh server stopped');
    },
  };
}
