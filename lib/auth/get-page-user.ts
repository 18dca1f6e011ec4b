import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { assertRole, getUserFromCookies } from "./get-request-user";
import type { Role, SessionUser } from "./roles";

/**
 * For server components: the signed-in user with at least `atLeast`, or a redirect to sign-in. A
 * person the identity provider knows but whose groups map to no role is sent to sign-in with the
 * reason (the page says which groups give access), not to an error page.
 */
export async function requirePageUser(atLeast: Role = "viewer"): Promise<SessionUser> {
  const user = await getPageUser().catch((err: unknown) => {
    if (err instanceof AppError && err.code === "FORBIDDEN") return "no-role" as const;
    throw err;
  });
  if (user === "no-role") redirect("/signin?refused=no-role");
  if (!user) redirect("/signin");
  return assertRole(user, atLeast);
}

/** Once per request: the page's guard and its data loader (loadPageData) ask for the same user. */
export const getPageUser = cache(async (): Promise<SessionUser | null> => {
  return getUserFromCookies({ cookieHeader: (await headers()).get("cookie") });
});
