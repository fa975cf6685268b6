import { readFileSync } from 'node:fs';
import { type PolicyDecisionResult, parsePolicy } from '@agentsh/policy';
import { Hono } from 'hono';
import { authenticate, requireRole } from '../../auth/roles';
import { DaemonError } from '../../errors';
import type { AppContext } from '../context';
import { PolicyTestRequestSchema } from '../schemas';
import { readBody } from '../validate';

/** GET /policies, GET /policies/{name}, POST /policies/validate: admin keys only (agentsh's admin group). */
export function policyAdminRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    requireRole(
      authenticate(ctx.auth, (name) => c.req.header(name)),
      ['admin'],
    );
    await next();
  });
  app.get('/', (c) => c.json(ctx.policies.list().map((name) => ({ name }))));
  app.post('/validate', async (c) => {
    const result = parsePolicy(await c.req.text(), { file: 'request' });
    if (result.ok) return c.json({ valid: true, name: result.policy.name });
    return c.json({ valid: false, errors: result.issues.map((i) => i.message) }, 400);
  });
  app.get('/:name', (c) => {
    const file = ctx.policies.fileOf(c.req.param('name'));
    if (!file) throw new DaemonError('DAEMON_NOT_FOUND', 'policy not found');
    return c.body(readFileSync(file, 'utf8'), 200, { 'Content-Type': 'application/yaml' });
  });
  return app;
}

function check(
  ctx: AppContext,
  sessionId: string | undefined,
  operation: string,
  path: string,
): PolicyDecisionResult {
  const engine = sessionId ? ctx.runtime.get(ctx.sessions.get(sessionId).view.id).policy.engine : undefined;
  if (!engine)
    throw new DaemonError('DAEMON_BAD_REQUEST', 'session_id is required (decisions use the session policy)');
  const op = operation.toLowerCase();
  if (op.startsWith('net_') || op === 'connect') {
    const m = /^(.*?)(?::(\d+))?$/.exec(path);
    return engine.checkNetwork(m?.[1] ?? path, m?.[2] ? Number(m[2]) : 443);
  }
  if (op === 'dns') return engine.checkDns(path);
  if (op === 'exec' || op === 'command') return engine.checkCommand(path, []);
  return engine.checkFile(path, op.startsWith('file_') ? op.slice(5) : op);
}

/** POST /policy/test: one decision with the session's policy, in agentsh's response shape. */
export function policyTestRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.post('/test', async (c) => {
    const body = await readBody(c, PolicyTestRequestSchema);
    const r = check(ctx, body.session_id, body.operation, body.path);
    return c.json({
      decision: r.effectiveDecision,
      policy_decision: r.decision,
      rule: r.rule,
      reason: r.message ?? '',
      ...(r.redirect ? { redirect: r.redirect } : {}),
    });
  });
  return app;
}
