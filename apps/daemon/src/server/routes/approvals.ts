import { Hono } from 'hono';
import { authenticate, requireRole } from '../../auth/roles';
import type { AppContext } from '../context';
import { ResolveApprovalRequestSchema } from '../schemas';
import { readBody } from '../validate';

const APPROVERS = ['approver', 'admin'] as const;

/** GET /approvals and POST /approvals/{id}: approver or admin keys only, never an agent. */
export function approvalRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    requireRole(
      authenticate(ctx.auth, (name) => c.req.header(name)),
      APPROVERS,
    );
    await next();
  });
  app.get('/', (c) => c.json(ctx.approvals.list()));
  app.post('/:id', async (c) => {
    const body = await readBody(c, ResolveApprovalRequestSchema);
    const view = ctx.approvals.resolve(c.req.param('id'), body.decision, body.reason);
    ctx.emit({
      type: 'approval_resolved',
      session_id: view.session_id,
      ...(view.command_id ? { command_id: view.command_id } : {}),
      fields: {
        approval_id: view.id,
        kind: view.kind,
        target: view.target,
        rule: view.rule,
        approved: body.decision !== 'deny',
        reason: body.reason ?? '',
      },
    });
    return c.json({ ok: true });
  });
  return app;
}
