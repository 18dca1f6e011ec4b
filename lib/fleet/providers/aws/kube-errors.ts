import "server-only";

// @kubernetes/client-node throws ApiException { code, body } for non-2xx answers; the body is the
// API server's Status object, usually still as JSON text.
export function kubeStatusCode(error: unknown): number | null {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "number") {
    return error.code;
  }
  return null;
}

export type KubeStatus = {
  message?: string;
  reason?: string;
  details?: { causes?: { reason?: string; type?: string; message?: string }[] };
};

export function kubeStatusBody(error: unknown): KubeStatus {
  const body = typeof error === "object" && error !== null && "body" in error ? error.body : undefined;
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as KubeStatus;
    } catch {
      return { message: body };
    }
  }
  return typeof body === "object" && body !== null ? (body as KubeStatus) : {};
}
