import { Hono } from 'hono';
import { DaemonError } from '../../errors';
import type { AppContext } from '../context';
import { CreateSessionRequestSchema, PatchSessionRequestSchema } from '../schemas';
import { readBody } from '../validate';

/** Session create/list/get/patch/delete with agentsh's paths, statuses and field names. */
export function sessionRoutes(ctx: AppContext): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const body = await readBody(c, CreateSessionRequestSchema);
    const policy = body.policy ?? ctx.defaultPolicy;
    if (!ctx.policies.has(policy)) throw new DaemonError('DAEMON_BAD_REQUEST', `unknown policy: ${policy}`);
    const record = ctx.sessions.create({
      ...(body.id ? { id: body.id } : {}),
      workspace: body.workspace ?? process.cwd(),
      policy,
    });
    try {
      await ctx.runtime.open(record);
    } catch (err) {
      ctx.sessions.destroy(record.view.id);
      throw err;
    }
    ctx.metrics.sessionsTotal.inc();
    ctx.emit({
      type: 'session_created',
      session_id: record.view.id,
      fields: { workspace: record.view.workspace, policy, project_root: record.view.project_root },
    });
    return c.json(record.view, 201);
  });

  app.get('/', (c) => c.json(ctx.sessions.list().map((r) => r.view)));

  app.get('/:id', (c) => c.json(ctx.sessions.get(c.req.param('id')).view));

  app.patch('/:id', async (c) => {
    const record = ctx.sessions.get(c.req.param('id'));
    const body = await readBody(c, PatchSessionRequestSchema);
    if (body.cwd !== undefined) record.view.cwd = body.cwd;
    for (const [key, value] of Object.entries(body.env ?? {})) record.env.set(key, value);
    for (const key of body.unset ?? []) record.env.delete(key);
    ctx.emit({ type: 'session_updated', session_id: record.view.id, fields: { cwd: record.view.cwd } });
    return c.json(record.view);
  });

  app.delete('/:id', async (c) => {
    const record = ctx.sessions.destroy(c.req.param('id'));
    ctx.approvals.cancelSession(record.view.id, 'session destroyed');
    await ctx.runtime.close(record.view.id);
    ctx.emit({ type: 'session_destroyed', session_id: record.view.id });
    return c.body(null, 204);
  });

  return app;
}
