// Next.js configuration. Telemetry is turned off by the environment (NEXT_TELEMETRY_DISABLED=1),
// not here, so that every `next` command honours it.
import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, COMMON_SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // forbidden() renders app/forbidden.tsx with HTTP 403 for signed-in users without the role.
  experimental: { authInterrupts: true },
  // The database stack is required by Node at run time, not bundled, so the app runs the same
  // driver and Prisma code as scripts/ do under tsx. better-sqlite3 (a native addon), pg and
  // @prisma/client are on Next's built-in list already and are named to keep the list in one
  // place; the two adapters are not. Prisma's WebAssembly query compiler ships as a base64 JS
  // module, so it needs no wasm loader: with Turbopack the build also passes with an empty list.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "@prisma/client"],
  // No `X-Powered-By: Next.js`: it tells attackers which framework's advisories to try.
  poweredByHeader: false,
  // Static headers, applied without running code per request. Pages get their nonce-based CSP
  // and HSTS from proxy.ts; the API gets its own here.
  async headers() {
    return [
      { source: "/:path*", headers: COMMON_SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
      {
        source: "/api/:path*",
        // The first hop's protocol, from the TLS-terminating proxy in front of `next start`.
        has: [{ type: "header", key: "x-forwarded-proto", value: "(?:https|HTTPS)(?:\\s*,.*)?" }],
        headers: [{ key: "Strict-Transport-Security", value: STRICT_TRANSPORT_SECURITY }],
      },
    ];
  },
};

export default nextConfig;
