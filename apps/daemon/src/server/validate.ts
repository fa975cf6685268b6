import type { Context } from 'hono';
import type { z } from 'zod';
import { DaemonError } from '../errors';

/** Parses a JSON request body with a zod schema; a bad body is a 400 naming the field. */
export async function readBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    const text = await c.req.text();
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new DaemonError('DAEMON_BAD_REQUEST', 'invalid JSON body');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
    throw new DaemonError('DAEMON_BAD_REQUEST', `invalid request: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
