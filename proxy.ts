// Runs before every page (Next.js 16's proxy, formerly middleware): a Content-Security-Policy
// with a fresh nonce, set on the request too so that Next.js puts the nonce on its own scripts,
// and HSTS when the page came over https. Authorization is not checked here: each page checks
// its own. API routes and static files are left out (see `config`): they need no nonce, and
// next.config.ts gives them their headers without running code per request.
import { type NextRequest, NextResponse } from "next/server";
import { cameOverHttps, newNonce, pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from "@/lib/security/headers";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = cameOverHttps(request.nextUrl.protocol, request.headers.get("x-forwarded-proto"));
  const policy = pageContentSecurityPolicy({ nonce, https, development: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [
    {
      // Everything but /api/… (not /api-docs, a page), built assets, image optimization and icons.
      source: "/((?!api/|_next/static|_next/image|favicon\\.ico|icon\\.svg|robots\\.txt).*)",
      // Link prefetches render no document, so they need no nonce.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
