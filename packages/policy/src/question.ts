import { z } from 'zod';
import { expandSignal } from './signals';

/** One question to the engine; the JSON-lines protocol of `agentsh policy eval` and the parity files. */
export const QuestionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('file'),
    path: z.string().min(1),
    operation: z.string().min(1),
    target: z.string().min(1).optional(),
  }),
  z.strictObject({
    kind: z.literal('command'),
    command: z.string().min(1),
    args: z.array(z.string()).default([]),
    depth: z.number().int().min(0).default(0),
  }),
  z.strictObject({
    kind: z.literal('execve'),
    path: z.string().min(1),
    argv: z.array(z.string()).min(1),
    depth: z.number().int().min(0).default(0),
  }),
  z.strictObject({
    kind: z.literal('network'),
    host: z.string().min(1),
    port: z.number().int().min(0).max(65535),
    names: z.array(z.string()).optional(),
  }),
  z.strictObject({ kind: z.literal('dns'), name: z.string().min(1) }),
  z.strictObject({ kind: z.literal('env'), name: z.string().min(1) }),
  z.strictObject({ kind: z.literal('unix_socket'), path: z.string().min(1), operation: z.string().min(1) }),
  z.strictObject({
    kind: z.literal('signal'),
    signal: z
      .union([z.number().int().min(1).max(64), z.string().min(1)])
      .refine(
        (v) => expandSignal(v)?.length === 1,
        'expected one signal: a number or a name such as SIGTERM',
      ),
    relations: z
      .array(z.enum(['self', 'child', 'descendant', 'sibling', 'session', 'parent', 'external', 'system']))
      .default([]),
    pid: z.number().int().optional(),
    comm: z.string().optional(),
  }),
]);

export type Question = z.infer<typeof QuestionSchema>;
/** The accepted input shape (defaults not yet applied). */
export type QuestionInput = z.input<typeof QuestionSchema>;

export type ParseQuestionResult = { ok: true; question: Question } | { ok: false; error: string };

/** Validates one question (e.g. a parsed JSON line); the error names the offending field. */
export function parseQuestion(value: unknown): ParseQuestionResult {
  const r = QuestionSchema.safeParse(value);
  if (r.success) return { ok: true, question: r.data };
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: `${where}${issue?.message ?? 'invalid question'}` };
}
