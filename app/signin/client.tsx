"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function SignInClient({ users }: { users: Array<{ id: string; name: string; role: string }> }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(userId: string) {
    setBusy(true);
    setError(null);
    const response = await fetch("/api/auth/demo/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userId }),
    });
    setBusy(false);
    if (!response.ok)
      return setError(
        ((await response.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ??
          `HTTP ${response.status}`,
      );
    router.push("/");
    router.refresh();
  }

  return (
    <div className="panel">
      <ul style={{ listStyle: "none", padding: 0, margin: 0, display: "grid", gap: 8 }}>
        {users.map((u) => (
          <li key={u.id}>
            <button
              type="button"
              disabled={busy}
              onClick={() => signIn(u.id)}
              style={{ width: "100%", textAlign: "left" }}
            >
              {u.name} <span className="muted">· {u.role}</span>
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="bad-text">
          {error}
        </p>
      )}
    </div>
  );
}
