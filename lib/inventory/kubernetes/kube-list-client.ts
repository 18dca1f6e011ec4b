import "server-only";
import {
  type ApiConstructor,
  type ApiType,
  createConfiguration,
  type KubeConfig,
  ServerConfiguration,
} from "@kubernetes/client-node";

/** Requests sent to one cluster's API server (each page and each failed request counts). */
export type KubeRequestCounter = { requests: number };

/**
 * An API client like KubeConfig.makeApiClient, plus a middleware that counts every HTTP request
 * it sends: the count is what the API server's priority-and-fairness limits see.
 */
export function makeCountedApiClient<T extends ApiType>(
  kubeConfig: KubeConfig,
  apiClass: ApiConstructor<T>,
  counter: KubeRequestCounter,
): T {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error("KubeConfig has no current cluster");
  const config = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kubeConfig },
    promiseMiddleware: [
      {
        pre: async (context) => {
          counter.requests += 1;
          return context;
        },
        post: async (context) => context,
      },
    ],
  });
  return new apiClass(config);
}

type FetchPage<T> = (page: { limit: number; _continue?: string }) => Promise<{ items: T[]; continueToken?: string }>;

/**
 * Every page of a Kubernetes list, `limit` items each, following metadata.continue. A large
 * cluster's pod list is tens of megabytes in one answer; pages keep each answer small and the
 * server's memory bounded. A continue token expires (410 Gone) after about five minutes: the error
 * propagates and the next pass starts over.
 */
export async function forEachPage<T>(fetchPage: FetchPage<T>, onItems: (items: T[]) => void, limit = 500) {
  let token: string | undefined;
  do {
    const page = await fetchPage({ limit, ...(token ? { _continue: token } : {}) });
    onItems(page.items);
    token = page.continueToken || undefined;
  } while (token);
}

export async function listAllPages<T>(fetchPage: FetchPage<T>, limit?: number): Promise<T[]> {
  const all: T[] = [];
  await forEachPage(fetchPage, (items) => all.push(...items), limit);
  return all;
}
