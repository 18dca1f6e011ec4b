"use client";
import { signIn } from "next-auth/react";

/** Starts next-auth's OIDC flow (it needs a POST with its CSRF token, which signIn() handles). */
export function OidcSignInButton() {
  return (
    <button type="button" className="primary" onClick={() => void signIn("oidc", { callbackUrl: "/" })}>
      Continue with single sign-on
    </button>
  );
}
