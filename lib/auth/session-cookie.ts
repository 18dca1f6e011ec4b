import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { ROLES, type SessionUser } from "./roles";

// The demo-mode session: a signed, expiring cookie (payload.base64url + "." + HMAC-SHA256).
export const SESSION_COOKIE = "fc_session";

const ZPayload = z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), exp: z.number() });

function sign(data: string, secret: string): string {
  return createHmac("sha256", secret).update(data).digest("base64url");
}

export function encodeSession(
  user: Omit<SessionUser, "via">,
  secret: string,
  maxAgeSeconds: number,
  now = Date.now(),
): string {
  const payload = Buffer.from(
    JSON.stringify({ id: user.id, name: user.name, role: user.role, exp: Math.floor(now / 1000) + maxAgeSeconds }),
  ).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

export function decodeSession(value: string | undefined, secret: string, now = Date.now()): SessionUser | null {
  if (!value) return null;
  const [payload, mac] = value.split(".");
  if (!payload || !mac) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let parsed;
  try {
    parsed = ZPayload.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return null;
  }
  if (!parsed.success || parsed.data.exp * 1000 <= now) return null;
  return { id: parsed.data.id, name: parsed.data.name, role: parsed.data.role, via: "demo" };
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}
