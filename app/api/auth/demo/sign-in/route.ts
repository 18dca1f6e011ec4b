// POST /api/auth/demo/sign-in — demo mode: sign in as a demo user ({ userId }), sets the session cookie
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { signInDemoUser } from "@/lib/auth/sign-in-demo-user";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { errorResponse, jsonOk } from "@/lib/http/handle-route";
import { assertSameOrigin, readJsonBody, requestMeta } from "@/lib/http/request-guards";

async function handlePost(request: Request) {
  const meta = requestMeta(request);
  try {
    assertSameOrigin(request);
    const { user, cookie, maxAgeSeconds } = await signInDemoUser({ body: await readJsonBody(request), meta });
    const response = jsonOk({ user });
    response.cookies.set(SESSION_COOKIE, cookie, { httpOnly: true, sameSite: "lax", path: "/", maxAge: maxAgeSeconds, secure: new URL(request.url).protocol === "https:" });
    return response;
  } catch (err) {
    await recordAuditEvent({ actor: "anonymous", actorRole: "none", action: "auth.sign-in", outcome: "refused", message: String((err as Error).message), ...meta }).catch(() => {});
    return errorResponse(err);
  }
}

export const POST = withRequestMetrics("/api/auth/demo/sign-in", handlePost);
