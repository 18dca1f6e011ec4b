import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

// The demo-mode session cookie: the session's secret (lib/auth/session-store.ts) and an HMAC of it,
// so a forged or mangled cookie is refused without a database read. Who the user is, their role
// and whether the session is still live come from the UserSession row, never from the cookie.
export const SESSION_COOKIE = "fc_session";

function mac(data: string, key: string): string {
  return createHmac("sha256", key).update(data).digest("base64url");
}

export function sealSessionCookie(secret: string, key: string): string {
  return `${secret}.${mac(secret, key)}`;
}

/** The session secret in a cookie value, or null if it is absent or its HMAC does not match. */
export function openSessionCookie(value: string | undefined, key: string): string | null {
  if (!value) return null;
  const [secret, given] = value.split(".");
  if (!secret || !given) return null;
  const expected = Buffer.from(mac(secret, key));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return secret;
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}
