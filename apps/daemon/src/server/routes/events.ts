import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppContext } from '../context';

/** GET /sessions/{id}/events: live events as SSE, starting with `event: ready`. */
export function eventStreamRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get('/:id/events', (c) => {
    const session = ctx.sessions.get(c.req.param('id'));
    return streamSSE(c, async (stream) => {
      let wake: (() => void) | undefined;
      const sub = ctx.bus.subscribe(session.view.id, () => wake?.());
      stream.onAbort(() => {
        sub.close();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted && !stream.closed) {
        for (const event of sub.drain()) await stream.writeSSE({ data: JSON.stringify(event) });
        if (!ctx.sessions.has(session.view.id)) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 15_000).unref();
        });
      }
      sub.close();
    });
  });
  return app;
}
