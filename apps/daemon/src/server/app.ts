import { Hono } from 'hono';
import { authenticate } from '../auth/roles';
import { DaemonError, isDaemonError } from '../errors';
import type { AppContext } from './context';
import { openApiDocument } from './openapi';
import { approvalRoutes } from './routes/approvals';
import { eventStreamRoutes } from './routes/events';
import { execRoutes } from './routes/exec';
import { execRawRoutes } from './routes/exec-raw';
import { healthRoutes } from './routes/health';
import { historyRoutes } from './routes/history';
import { policyAdminRoutes, policyTestRoutes } from './routes/policies';
import { sessionRoutes } from './routes/sessions';

/** The agentsh HTTP API. Errors are `{"error": "..."}` with the status of their code. */
export function createApp(ctx: AppContext): Hono {
  const app = new Hono();
  app.route('/', healthRoutes(ctx));
  app.get('/openapi.json', (c) => c.json(openApiDocument()));

  const api = new Hono();
  api.use('*', async (c, next) => {
    authenticate(ctx.auth, (name) => c.req.header(name));
    await next();
  });
  api.route('/sessions', sessionRoutes(ctx));
  api.route('/sessions', execRoutes(ctx));
  api.route('/sessions', execRawRoutes(ctx));
  api.route('/sessions', eventStreamRoutes(ctx));
  api.route('/approvals', approvalRoutes(ctx));
  api.route('/', historyRoutes(ctx, ctx.audit));
  api.route('/policies', policyAdminRoutes(ctx));
  api.route('/policy', policyTestRoutes(ctx));
  app.route('/api/v1', api);

  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((err, c) => {
    if (isDaemonError(err)) return c.json({ error: err.message }, err.status as 400);
    ctx.onUnexpectedError(err);
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}

export { DaemonError };
