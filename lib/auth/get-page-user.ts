import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { assertRole, getUserFromCookies } from "./get-request-user";
import type { Role, SessionUser } from "./roles";

/** For server components: the signed-in user with at least `atLeast`, or a redirect to sign-in. */
export async function requirePageUser(atLeast: Role = "viewer"): Promise<SessionUser> {
  const user = await getUserFromCookies({ cookieHeader: (await headers()).get("cookie") });
  if (!user) redirect("/signin");
  return assertRole(user, atLeast);
}

export async function getPageUser(): Promise<SessionUser | null> {
  return getUserFromCookies({ cookieHeader: (await headers()).get("cookie") });
}
