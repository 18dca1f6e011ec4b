// Points the real AWS SDK at a stand-in: AWS_ENDPOINT_URL_EKS (the SDK reads
// AWS_ENDPOINT_URL_<serviceId>, serviceId "EKS") and fake static credentials from the environment.
// Set before the first client is made: clients are created once per region and kept.
const KEYS = [
  "AWS_ENDPOINT_URL_EKS",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_PROFILE",
  "AWS_EC2_METADATA_DISABLED",
] as const;

export const FAKE_CREDENTIALS = { accessKeyId: "AKIDFAKEINVENTORY", secretAccessKey: "fake-secret-for-stand-ins" };

export function useFakeAwsEnv(eksUrl: string): () => void {
  const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  process.env.AWS_ENDPOINT_URL_EKS = eksUrl;
  process.env.AWS_ACCESS_KEY_ID = FAKE_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = FAKE_CREDENTIALS.secretAccessKey;
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  return () => {
    for (const key of KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  };
}
