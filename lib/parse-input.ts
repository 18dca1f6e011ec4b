import type { z } from "zod";
import { AppError } from "@/lib/errors";

// Pure zod parsing for domain code and route frames alike: it lives beside AppError rather than in
// lib/http, so domain code does not pull next/server in to validate its input.

/**
 * Parses input with a zod schema, turning every issue into one readable 400 message. `describe`
 * words the issues for a form (its sentences, and per field the one to show beside it, sent as
 * the error's `details.fields`); without it each issue reads "path: zod's message".
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  describe?: (issues: z.core.$ZodIssue[]) => { message: string; fields: Record<string, string> },
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    if (describe) {
      const { message, fields } = describe(result.error.issues);
      throw new AppError("BAD_REQUEST", message, { fields });
    }
    const message = result.error.issues
      .map((i) => `${i.path.length ? i.path.join(".") : "input"}: ${i.message}`)
      .join("; ");
    throw new AppError("BAD_REQUEST", message);
  }
  return result.data;
}
