// Browser hardening headers (the spec's "Security headers" line), in one place for proxy.ts
// (pages: the Content-Security-Policy with a fresh script nonce per request, and HSTS under
// https) and next.config.ts (every response: nosniff, the referrer policy, no framing; the API's
// own policy and HSTS). Pure, with no Next.js imports, so next.config.ts can load it.

/** On every response, pages, API and static files alike. */
export const COMMON_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers that predate frame-ancestors; the CSP's frame-ancestors wins where both apply.
  { key: "X-Frame-Options", value: "DENY" },
];

/** API responses are JSON and CSV, never documents to run: nothing loads, nothing frames them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Two years, this host and its subdomains; sent only on responses that came over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * A page's policy. Scripts run only with this response's nonce (Next.js puts it on its own
 * scripts, reading it from the request's Content-Security-Policy header), and what they load
 * ('strict-dynamic'). Styles allow 'unsafe-inline': React renders `style` attributes (dialogs,
 * the chart's tooltip and legend), and recharts sizes its SVG with them; a nonce cannot cover
 * attributes, and a nonce in style-src would turn 'unsafe-inline' off. Inline styles cannot run
 * code, so this keeps the script protection whole. React needs 'unsafe-eval' in development only.
 */
export function pageContentSecurityPolicy({ nonce, https, development }: { nonce: string; https: boolean; development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** 128 random bits, base64: unguessable, and new for every response. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether the browser reached us over https: the URL's own protocol, or the first hop's
 * `X-Forwarded-Proto` from the TLS-terminating proxy in front (what `next start` sits behind).
 */
export function cameOverHttps(protocol: string, forwardedProto: string | null): boolean {
  return protocol === "https:" || forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}
