import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { DaemonError } from '../../errors';
import { assertEnforcing, commandOutcome, executeCommand } from '../../exec/service';
import type { AppContext } from '../context';
import { ExecRequestSchema } from '../schemas';
import { readBody } from '../validate';

/** POST /sessions/{id}/exec, /exec/stream (SSE) and /kill/{cmdID}. */
export function execRoutes(ctx: AppContext): Hono {
  const app = new Hono();

  app.post('/:id/exec', async (c) => {
    const session = ctx.sessions.get(c.req.param('id'));
    const request = await readBody(c, ExecRequestSchema);
    ctx.sessions.touch(session.view.id);
    const outcome = await executeCommand(ctx.exec, session, request);
    ctx.metrics.commandsTotal.inc({ outcome: commandOutcome(outcome) });
    return c.json(outcome.body, outcome.status);
  });

  app.post('/:id/exec/stream', async (c) => {
    const session = ctx.sessions.get(c.req.param('id'));
    const request = await readBody(c, ExecRequestSchema);
    ctx.sessions.touch(session.view.id);
    assertEnforcing(ctx.exec.runner);
    return streamSSE(c, async (stream) => {
      const writes: Promise<void>[] = [];
      const send = (event: string, data: unknown) => {
        writes.push(stream.writeSSE({ event, data: JSON.stringify(data) }));
      };
      const { body } = await executeCommand(ctx.exec, session, request, {
        stdout: (data, commandId) => send('stdout', { command_id: commandId, stream: 'stdout', data }),
        stderr: (data, commandId) => send('stderr', { command_id: commandId, stream: 'stderr', data }),
      });
      await Promise.all(writes);
      await stream.writeSSE({
        event: 'done',
        data: JSON.stringify({
          command_id: body.command_id,
          exit_code: body.result.exit_code,
          duration_ms: body.result.duration_ms,
          stdout_truncated: body.result.stdout_truncated ?? false,
          stderr_truncated: body.result.stderr_truncated ?? false,
          ...(body.result.error ? { error: body.result.error } : {}),
        }),
      });
    });
  });

  app.post('/:id/kill/:cmdId', (c) => {
    const session = ctx.sessions.get(c.req.param('id'));
    const cmdId = c.req.param('cmdId');
    if (!ctx.exec.runner.kill(cmdId, 'SIGTERM'))
      throw new DaemonError('DAEMON_NOT_FOUND', 'command not running');
    setTimeout(() => ctx.exec.runner.kill(cmdId, 'SIGKILL'), 2_000).unref();
    ctx.emit({
      type: 'command_killed',
      session_id: session.view.id,
      command_id: cmdId,
      fields: { signal: 'SIGTERM' },
    });
    return c.json({ ok: true });
  });

  return app;
}
