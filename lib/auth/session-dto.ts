import { z } from "zod";

/** A live session as an admin sees it (GET /api/sessions); never the secret, only its hash. */
export const ZSessionRow = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  role: z.string(),
  via: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  /** When the session ends if unused from now on: the earlier of expiresAt and lastSeenAt + idle. */
  idleEndsAt: z.string(),
  sourceIp: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export const ZSessionList = z.object({ sessions: z.array(ZSessionRow), idleSeconds: z.number() });
export type TSessionList = z.infer<typeof ZSessionList>;
