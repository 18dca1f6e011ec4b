// POST /api/auth/sign-out — ends a demo session (OIDC sessions sign out through /api/auth/signout)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { handleMutation } from "@/lib/http/handle-mutation";
import { jsonOk } from "@/lib/http/handle-route";
import { signOutUser } from "@/lib/auth/sign-out-user";

// No role: signing out without a session is a harmless no-op, and signOutUser audits real ones.
async function handlePost(request: Request) {
  return handleMutation(request, { action: "auth.sign-out", audit: false, role: null }, async ({ meta }) => {
    const response = jsonOk(await signOutUser({ request, meta }));
    response.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
    return response;
  });
}

export const POST = withRequestMetrics("/api/auth/sign-out", handlePost);
