// A minimal OpenID Connect provider for the single sign-on browser tests: it stands in for the
// company's identity provider, which is outside the project. Authorization code flow only, one
// registered client, PKCE (S256) required, RS256 id_tokens signed with a key made at start.
// /authorize approves at once, for the user given by login_hint or else by the preset the test
// sets through POST /test/login-as ({"email": "…"} or {"email": null}; "emailVerified": false,
// or null to leave the claim out, stands for a provider that has not verified it). Listens on
// 127.0.0.1.
//
// Run: npx tsx e2e/oidc/mock-provider.ts (OIDC_MOCK_PORT, OIDC_MOCK_CLIENT_ID,
// OIDC_MOCK_CLIENT_SECRET and OIDC_MOCK_REDIRECT_URI configure it; see playwright.oidc.config.ts).
import { createHash, generateKeyPairSync, type JsonWebKey, randomBytes, sign, timingSafeEqual } from "node:crypto";
import http from "node:http";

export type MockProviderOptions = { port: number; clientId: string; clientSecret: string; redirectUri: string };

/** What the provider says of the email's verification: `email_verified` true or false, or left out (null). */
type Verified = boolean | null;
type Grant = { email: string; verified: Verified; nonce?: string; codeChallenge: string; redirectUri: string; expiresAt: number };

const CODE_TTL_MS = 60_000;
const TOKEN_TTL_S = 300;

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");
const sha256 = (data: string) => createHash("sha256").update(data).digest();

function sameSecret(a: string, b: string): boolean {
  const x = sha256(a);
  const y = sha256(b);
  return timingSafeEqual(x, y);
}

/** A stable subject per email, as a real provider keeps one per account. */
function subjectOf(email: string): string {
  return `mock|${sha256(email.toLowerCase()).toString("hex").slice(0, 24)}`;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 64_000) throw new Error("request body too large");
  }
  return body;
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

function oauthError(res: http.ServerResponse, status: number, error: string, description: string) {
  json(res, status, { error, error_description: description });
}

export function startMockProvider(options: MockProviderOptions): Promise<http.Server> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(8).toString("hex");
  const jwk: JsonWebKey = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };

  let presetEmail: string | null = null;
  let presetVerified: Verified = true;
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, { email: string; verified: Verified; expiresAt: number }>();
  const verifiedClaim = (verified: Verified) => (verified === null ? {} : { email_verified: verified });

  function signJwt(claims: Record<string, unknown>): string {
    const input = `${base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }))}.${base64url(JSON.stringify(claims))}`;
    return `${input}.${base64url(sign("sha256", Buffer.from(input), privateKey))}`;
  }

  /** The client's credentials from HTTP Basic (form-encoded, RFC 6749 2.3.1) or the body. */
  function clientCredentials(req: http.IncomingMessage, form: URLSearchParams): { id?: string; secret?: string } {
    const header = req.headers.authorization;
    if (header?.startsWith("Basic ")) {
      const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      const decodeFormPart = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
      return { id: decodeFormPart(decoded.slice(0, colon)), secret: decodeFormPart(decoded.slice(colon + 1)) };
    }
    return { id: form.get("client_id") ?? undefined, secret: form.get("client_secret") ?? undefined };
  }

  function authorize(url: URL, res: http.ServerResponse) {
    const q = url.searchParams;
    // Errors about the client or redirect URI must not redirect (RFC 6749 4.1.2.1).
    if (q.get("client_id") !== options.clientId) return oauthError(res, 400, "invalid_client", "unknown client_id");
    const redirectUri = q.get("redirect_uri");
    if (redirectUri !== options.redirectUri) return oauthError(res, 400, "invalid_request", "redirect_uri is not registered");
    const back = new URL(redirectUri);
    const state = q.get("state");
    if (state !== null) back.searchParams.set("state", state);
    const fail = (error: string, description: string) => {
      back.searchParams.set("error", error);
      back.searchParams.set("error_description", description);
      res.writeHead(302, { Location: back.toString() }).end();
    };
    if (q.get("response_type") !== "code") return fail("unsupported_response_type", "only the code flow");
    if (!(q.get("scope") ?? "").split(" ").includes("openid")) return fail("invalid_scope", "scope must include openid");
    const codeChallenge = q.get("code_challenge");
    if (!codeChallenge || q.get("code_challenge_method") !== "S256") return fail("invalid_request", "PKCE with S256 is required");
    const email = q.get("login_hint") ?? presetEmail;
    if (!email) return fail("access_denied", "no user is signed in at the provider");
    const code = base64url(randomBytes(24));
    grants.set(code, { email, verified: presetVerified, nonce: q.get("nonce") ?? undefined, codeChallenge, redirectUri, expiresAt: Date.now() + CODE_TTL_MS });
    back.searchParams.set("code", code);
    res.writeHead(302, { Location: back.toString() }).end();
  }

  async function token(req: http.IncomingMessage, res: http.ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    const client = clientCredentials(req, form);
    if (client.id !== options.clientId || !client.secret || !sameSecret(client.secret, options.clientSecret)) {
      return json(res, 401, { error: "invalid_client", error_description: "client authentication failed" }, { "WWW-Authenticate": 'Basic realm="mock"' });
    }
    if (form.get("grant_type") !== "authorization_code") return oauthError(res, 400, "unsupported_grant_type", "only authorization_code");
    const code = form.get("code") ?? "";
    const grant = grants.get(code);
    grants.delete(code); // single use, whatever happens next
    if (!grant || grant.expiresAt < Date.now()) return oauthError(res, 400, "invalid_grant", "unknown, used or expired code");
    if (form.get("redirect_uri") !== grant.redirectUri) return oauthError(res, 400, "invalid_grant", "redirect_uri does not match");
    const verifier = form.get("code_verifier");
    if (!verifier || base64url(sha256(verifier)) !== grant.codeChallenge) return oauthError(res, 400, "invalid_grant", "PKCE verification failed");

    const accessToken = base64url(randomBytes(32));
    const now = Math.floor(Date.now() / 1000);
    accessTokens.set(accessToken, { email: grant.email, verified: grant.verified, expiresAt: Date.now() + TOKEN_TTL_S * 1000 });
    const idToken = signJwt({
      iss: issuer,
      aud: options.clientId,
      sub: subjectOf(grant.email),
      email: grant.email,
      ...verifiedClaim(grant.verified),
      name: grant.email.split("@")[0],
      iat: now,
      exp: now + TOKEN_TTL_S,
      at_hash: base64url(sha256(accessToken).subarray(0, 16)),
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
    });
    json(res, 200, { access_token: accessToken, token_type: "Bearer", expires_in: TOKEN_TTL_S, scope: "openid email profile", id_token: idToken });
  }

  function userinfo(req: http.IncomingMessage, res: http.ServerResponse) {
    const header = req.headers.authorization ?? "";
    const found = header.startsWith("Bearer ") ? accessTokens.get(header.slice(7)) : undefined;
    if (!found || found.expiresAt < Date.now()) {
      return json(res, 401, { error: "invalid_token" }, { "WWW-Authenticate": 'Bearer error="invalid_token"' });
    }
    json(res, 200, { sub: subjectOf(found.email), email: found.email, ...verifiedClaim(found.verified), name: found.email.split("@")[0] });
  }

  async function loginAs(req: http.IncomingMessage, res: http.ServerResponse) {
    const body = JSON.parse((await readBody(req)) || "{}") as { email?: unknown; emailVerified?: unknown };
    if (body.email !== null && typeof body.email !== "string") return json(res, 400, { error: "email must be a string or null" });
    const verified = body.emailVerified ?? true;
    if (typeof verified !== "boolean" && body.emailVerified !== null) return json(res, 400, { error: "emailVerified must be true, false or null" });
    presetEmail = body.email;
    presetVerified = body.emailVerified === null ? null : (verified as boolean);
    json(res, 200, { email: presetEmail, emailVerified: presetVerified });
  }

  const discovery = {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: ["openid", "email", "profile"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    code_challenge_methods_supported: ["S256"],
    claims_supported: ["iss", "aud", "sub", "email", "email_verified", "name", "nonce", "iat", "exp", "at_hash"],
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const route = `${req.method} ${url.pathname}`;
    const handle = async () => {
      if (route === "GET /.well-known/openid-configuration") return json(res, 200, discovery);
      if (route === "GET /jwks") return json(res, 200, { keys: [jwk] });
      if (route === "GET /authorize") return authorize(url, res);
      if (route === "POST /token") return token(req, res);
      if (route === "GET /userinfo") return userinfo(req, res);
      if (route === "POST /test/login-as") return loginAs(req, res);
      json(res, 404, { error: "not_found" });
    };
    handle().catch((error: unknown) => {
      console.error("mock OIDC provider:", error);
      if (!res.headersSent) json(res, 500, { error: "server_error" });
      else res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve(server));
  });
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

if (require.main === module) {
  const options = {
    port: Number(required("OIDC_MOCK_PORT")),
    clientId: required("OIDC_MOCK_CLIENT_ID"),
    clientSecret: required("OIDC_MOCK_CLIENT_SECRET"),
    redirectUri: required("OIDC_MOCK_REDIRECT_URI"),
  };
  startMockProvider(options).then(
    (server) => {
      console.log(`mock OIDC provider on http://127.0.0.1:${options.port}`);
      const stop = () => {
        server.close(() => process.exit(0));
        server.closeAllConnections();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
