"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";

/** Who is signed in, the demo-mode badge and sign-out. */
export function UserMenu({ name, role, via }: { name: string; role: string; via: "oidc" | "demo" }) {
  const router = useRouter();
  return (
    <div className="small" style={{ padding: "16px", borderTop: "1px solid var(--border)", marginTop: 16 }}>
      {via === "demo" && (
        <div style={{ marginBottom: 6 }}>
          <span className="badge warn" title="No identity provider configured: anyone can pick a demo user">
            demo mode
          </span>
        </div>
      )}
      <div>{name}</div>
      <div className="muted" data-testid="current-role">
        {role}
      </div>
      <button
        type="button"
        style={{ marginTop: 8 }}
        onClick={async () => {
          if (via === "oidc") return void (await signOut({ callbackUrl: "/signin" }));
          await fetch("/api/auth/sign-out", { method: "POST" });
          router.push("/signin");
          router.refresh();
        }}
      >
        Sign out
      </button>
    </div>
  );
}
