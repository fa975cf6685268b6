import { z } from 'zod';

/** One line the sandbox agent writes (see assets/sandbox-agent.mjs); validated: it crosses a process boundary. */
const agentMessageSchema = z.object({
  t: z.enum(['ready', 'out', 'err', 'exit', 'ok', 'fail', 'bad']),
  id: z.number().int().optional(),
  d: z.string().optional(),
  code: z.number().int().optional(),
  timedOut: z.boolean().optional(),
  message: z.string().optional(),
});

export type AgentMessage = z.infer<typeof agentMessageSchema>;

/** Parses one agent line; anything else the sandbox prints (a stray log line) is ignored. */
export function parseAgentMessage(line: string): AgentMessage | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = agentMessageSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
