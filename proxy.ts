import { NextResponse, type NextRequest } from "next/server";
import { findMissingPage } from "@/lib/http/find-missing-page";

// Security headers for every page. Scripts run only with this response's nonce (Next reads it
// from the request's Content-Security-Policy and stamps its own inline scripts); styles allow
// inline because React and recharts set style attributes. API responses are JSON and need no
// nonce: their fixed headers come from next.config.js.
export async function proxy(request: NextRequest) {
  // Next's router answers a path with a broken %-escape with a bare 500: refuse it here.
  if (!decodes(request.nextUrl.pathname))
    return new NextResponse("Bad request: malformed %-escape in the path\n", { status: 400 });
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  // An unknown model, pool or training run is a real 404 (the page itself renders the not-found view). Only for
  // callers with a session: anonymous ones are sent to sign in, not told which ids exist.
  const signedIn = request.cookies
    .getAll()
    .some((c) => c.name === "fc_session" || c.name.endsWith("next-auth.session-token"));
  const missing = signedIn ? await findMissingPage(request.nextUrl.pathname).catch(() => null) : null;
  const response =
    missing === null
      ? NextResponse.next({ request: { headers: requestHeaders } })
      : NextResponse.rewrite(request.nextUrl, { status: 404, request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "strict-origin-when-cross-origin");
  response.headers.set("x-frame-options", "DENY");
  // Browsers honour it only over https (and ignore it on http://localhost), so it can always be sent.
  response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  response.headers.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
  return response;
}

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

// API paths pass only the escape check (their fixed headers come from next.config.js).
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
