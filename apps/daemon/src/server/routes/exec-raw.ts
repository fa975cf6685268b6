import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { isDaemonError } from '../../errors';
import { blockMessage, shellExitCode } from '../../exec/block-message';
import { assertEnforcing, commandOutcome, executeCommand } from '../../exec/service';
import type { AppContext } from '../context';
import { ExecRequestSchema } from '../schemas';
import { readBody } from '../validate';

/** Frame types of the raw exec stream: stdout bytes, stderr bytes, exit code (decimal text). */
export type FrameType = 'o' | 'e' | 'x';

/** One frame: a type byte, a 4-byte big-endian length, the payload. */
export function encodeFrame(type: FrameType, payload: string): Uint8Array {
  const body = Buffer.from(payload, 'utf8');
  const frame = Buffer.allocUnsafe(5 + body.length);
  frame.write(type, 0, 'latin1');
  frame.writeUInt32BE(body.length, 1);
  body.copy(frame, 5);
  return frame;
}

/**
 * POST /sessions/{id}/exec/raw (our extension): the same exec, answered as a stream of frames that a
 * small native client copies to its stdout/stderr without parsing JSON. Refusals by the precheck are
 * answered here too (a stderr frame with agentsh's lines, exit 126); any other failure is a plain
 * JSON error status, for which the client falls back to the full CLI.
 */
export function execRawRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.post('/:id/exec/raw', async (c) => {
    const session = ctx.sessions.get(c.req.param('id'));
    const request = await readBody(c, ExecRequestSchema);
    ctx.sessions.touch(session.view.id);
    assertEnforcing(ctx.exec.runner);
    c.header('Content-Type', 'application/x-agentsh-frames');
    return stream(c, async (out) => {
      const writes: Promise<unknown>[] = [];
      const send = (type: FrameType, text: string) => writes.push(out.write(encodeFrame(type, text)));
      let outcome: Awaited<ReturnType<typeof executeCommand>>;
      try {
        outcome = await executeCommand(ctx.exec, session, request, {
          stdout: (text) => send('o', text),
          stderr: (text) => send('e', text),
        });
      } catch (err) {
        // The status line is already sent: report on stderr and end the stream with a failure code.
        ctx.onUnexpectedError(err);
        send('e', `agentsh: ${isDaemonError(err) ? err.message : 'internal error'}\n`);
        send('x', '1');
        await Promise.all(writes);
        return;
      }
      const { body } = outcome;
      ctx.metrics.commandsTotal.inc({ outcome: commandOutcome(outcome) });
      const message = blockMessage(body);
      if (message) send('e', message);
      send('x', String(shellExitCode(body)));
      await Promise.all(writes);
    });
  });
  return app;
}
