// GET|POST /api/auth/* — next-auth's OIDC sign-in, callback and sign-out (404 in demo mode)
import NextAuth from "next-auth";
import { getAuthConfig } from "@/lib/auth/auth-config";
import { getNextAuthOptions } from "@/lib/auth/next-auth-options";
import { errorResponse } from "@/lib/http/handle-route";
import { AppError } from "@/lib/errors";

async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  if (getAuthConfig().mode !== "oidc")
    return errorResponse(new AppError("NOT_FOUND", "single sign-on is not configured (demo mode)"));
  return NextAuth(getNextAuthOptions())(request, { params: await context.params });
}

export { handler as GET, handler as POST };
