import { z } from 'zod';

/** agentsh's dlp.patterns toggles; a missing toggle counts as on. */
export const DlpPatternsSchema = z.object({
  email: z.boolean().optional(),
  phone: z.boolean().optional(),
  credit_card: z.boolean().optional(),
  ssn: z.boolean().optional(),
  api_keys: z.boolean().optional(),
});

export const CustomPatternSchema = z.object({
  name: z.string().min(1),
  display: z.string().min(1).optional(),
  regex: z.string().min(1),
});

/**
 * The `dlp:` section of agentsh's server config. Like agentsh (non-strict YAML), unknown keys are
 * ignored.
 */
export const DlpConfigSchema = z.object({
  mode: z.enum(['redact', 'tokenize', 'disabled']).default('redact'),
  patterns: DlpPatternsSchema.default({}),
  custom_patterns: z
    .array(CustomPatternSchema)
    .nullish()
    .transform((list) => list ?? []),
});

export type DlpConfig = z.infer<typeof DlpConfigSchema>;
export type DlpConfigInput = z.input<typeof DlpConfigSchema>;
