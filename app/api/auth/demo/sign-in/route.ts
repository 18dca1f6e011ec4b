// POST /api/auth/demo/sign-in — demo mode: sign in as a demo user ({ userId }), sets the session cookie
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { signInDemoUser } from "@/lib/auth/sign-in-demo-user";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { handleMutation } from "@/lib/http/handle-mutation";
import { jsonOk } from "@/lib/http/handle-route";

async function handlePost(request: Request) {
  return handleMutation(request, { action: "auth.sign-in", role: null }, async ({ body, meta }) => {
    const { user, cookie, maxAgeSeconds } = await signInDemoUser({ body, meta });
    const response = jsonOk({ user });
    response.cookies.set(SESSION_COOKIE, cookie, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: maxAgeSeconds,
      secure: new URL(request.url).protocol === "https:",
    });
    return response;
  });
}

export const POST = withRequestMetrics("/api/auth/demo/sign-in", handlePost);
