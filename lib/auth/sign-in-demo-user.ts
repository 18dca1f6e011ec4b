import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/parse-input";
import { getAuthConfig } from "./auth-config";
import { DEMO_USERS } from "./demo-users";
import { sealSessionCookie } from "./session-cookie";
import { createSession } from "./session-store";

export const ZDemoSignIn = z.object({ userId: z.string().max(64) }).strict();

/** Demo mode only: signs in as one of the demo users and returns the session cookie's value. */
export async function signInDemoUser(args: {
  body: unknown;
  meta: { sourceIp: string | null; userAgent: string | null };
}) {
  const config = getAuthConfig();
  if (config.mode !== "demo") throw new AppError("NOT_FOUND", "demo sign-in is off: this server uses single sign-on");
  const { userId } = parseInput(ZDemoSignIn, args.body);
  const user = DEMO_USERS.find((u) => u.id === userId);
  if (!user) throw new AppError("BAD_REQUEST", `no demo user ${userId}`);
  await recordAuditEvent({
    actor: user.id,
    actorRole: user.role,
    action: "auth.sign-in",
    outcome: "succeeded",
    ...args.meta,
  });
  const session = await createSession(user, "demo", args.meta);
  return {
    user,
    cookie: sealSessionCookie(session.secret, config.secret),
    maxAgeSeconds: config.sessionMaxAgeSeconds,
  };
}
