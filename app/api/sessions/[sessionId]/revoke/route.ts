// POST /api/sessions/:sessionId/revoke — an admin ends a signed-in session at once (audited)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { revokeSession } from "@/lib/auth/revoke-session";
import { handleMutation } from "@/lib/http/handle-mutation";

async function handlePost(request: Request, { params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return handleMutation(
    request,
    { action: "auth.session.revoke", role: "admin", params: { sessionId: sessionId.slice(0, 100) } },
    async ({ user, body, meta }) => revokeSession({ sessionId, user, body, meta }),
  );
}

export const POST = withRequestMetrics("/api/sessions/:sessionId/revoke", handlePost);
