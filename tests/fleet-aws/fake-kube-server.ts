// An HTTP-level fake of the Kubernetes API server: it records every request and answers from a
// route function the test supplies, so tests check the exact requests the provider sends.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";

export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
};

export type FakeResponse = { status: number; body?: unknown };
export type FakeRoute = (request: RecordedRequest) => FakeResponse;

export type FakeKube = {
  url: string;
  requests: RecordedRequest[];
  kubeConfig: KubeConfig;
  close: () => Promise<void>;
};

export async function startFakeKube(route: FakeRoute): Promise<FakeKube> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const recorded = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      const answer = route(recorded);
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    kubeConfig: kubeConfigFor(url, "test-token"),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function kubeConfigFor(server: string, token: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    // client-node refuses plain http unless TLS verification is explicitly off.
    clusters: [{ name: "fake", server, skipTLSVerify: true }],
    users: [{ name: "tester", token }],
    contexts: [{ name: "fake", cluster: "fake", user: "tester" }],
    currentContext: "fake",
  });
  return kubeConfig;
}

/** A Kubernetes Status object, as the API server sends with errors. */
export function kubeStatus(code: number, reason: string, message: string, details?: unknown) {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
    code,
    ...(details ? { details } : {}),
  };
}

export const notFound = (what: string): FakeResponse => ({
  status: 404,
  body: kubeStatus(404, "NotFound", `${what} not found`),
});
