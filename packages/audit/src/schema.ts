import { z } from 'zod';

/** The policy verdict attached to an event (agentsh's `policy` object; extra keys are kept). */
export const EventPolicySchema = z.looseObject({
  decision: z.string().optional(),
  effective_decision: z.string().optional(),
  rule: z.string().optional(),
  message: z.string().optional(),
});

/**
 * One audit event in agentsh's JSON shape (pkg/types Event). Unknown keys are kept, so events written
 * by a newer agentsh or by us read back unchanged.
 */
export const AuditEventSchema = z.looseObject({
  id: z.string().min(1),
  timestamp: z.string().min(1),
  type: z.string().min(1),
  session_id: z.string(),
  command_id: z.string().optional(),
  source: z.string().optional(),
  pid: z.number().int().optional(),
  policy: EventPolicySchema.optional(),
  path: z.string().optional(),
  domain: z.string().optional(),
  remote: z.string().optional(),
  operation: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});

export type EventPolicy = z.infer<typeof EventPolicySchema>;
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** Which captured stream of a command's output. */
export const OutputStreamSchema = z.enum(['stdout', 'stderr']);
export type OutputStream = z.infer<typeof OutputStreamSchema>;

/** A row of command_outputs as read back from disk (blobs may be NULL in agentsh's databases). */
export const OutputRowSchema = z.object({
  data: z.instanceof(Buffer).nullable(),
  stored_bytes: z.number().int().nullable(),
  total_bytes: z.number().int(),
  truncated: z.number().int(),
});
