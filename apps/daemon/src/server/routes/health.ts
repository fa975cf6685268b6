import { Hono } from 'hono';
import type { AppContext } from '../context';

/** /health, /ready and /metrics (paths from the config); never behind auth. */
export function healthRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get(ctx.paths.health, (c) => c.text('ok\n'));
  app.get(ctx.paths.ready, (c) => {
    const readiness = ctx.readiness();
    if (readiness.ready) return c.text('ready\n');
    return c.text(`not ready: ${readiness.reason ?? 'starting'}\n`, 503);
  });
  if (ctx.paths.metricsEnabled) {
    app.get(ctx.paths.metrics, async (c) => {
      ctx.metrics.sessionsActive.set(ctx.sessions.size);
      const body = await ctx.metrics.registry.metrics();
      return c.body(body, 200, { 'Content-Type': ctx.metrics.registry.contentType });
    });
  }
  return app;
}
