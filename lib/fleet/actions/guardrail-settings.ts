import "server-only";
import { z } from "zod";
import { getPrisma } from "@/lib/db";

// Guardrail thresholds. Defaults here; an admin may override them (Setting rows, key "guardrails").
export const ZGuardrailSettings = z
  .object({
    /** The drain share limits (the approval policy's, approval-policy.ts) count every drain of the pool requested within this many hours. */
    drainWindowHours: z
      .number()
      .min(0)
      .max(24 * 7),
    /** Upper bound on instances in one action. */
    maxActionCount: z.number().int().min(1).max(1000),
    /** How long an action may wait for approval, and how long an approval stays valid. */
    approvalTtlMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  })
  .strict();
export type GuardrailSettings = z.infer<typeof ZGuardrailSettings>;

export const DEFAULT_GUARDRAILS: GuardrailSettings = {
  drainWindowHours: 24,
  maxActionCount: 200,
  approvalTtlMinutes: 30,
};

export async function getGuardrailSettings(): Promise<GuardrailSettings> {
  const row = await getPrisma().setting.findUnique({ where: { key: "guardrails" } });
  const parsed = ZGuardrailSettings.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_GUARDRAILS, ...(parsed.success ? parsed.data : {}) };
}
