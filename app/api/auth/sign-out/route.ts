// POST /api/auth/sign-out — ends a demo session (OIDC sessions sign out through /api/auth/signout)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { errorResponse, jsonOk } from "@/lib/http/handle-route";
import { assertSameOrigin, requestMeta } from "@/lib/http/request-guards";
import { signOutUser } from "@/lib/auth/sign-out-user";

async function handlePost(request: Request) {
  try {
    assertSameOrigin(request);
    const response = jsonOk(await signOutUser({ request, meta: requestMeta(request) }));
    response.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
    return response;
  } catch (err) {
    return errorResponse(err);
  }
}

export const POST = withRequestMetrics("/api/auth/sign-out", handlePost);
