// Where the single sign-on browser tests run: the app on a port and SQLite file of its own, the
// mock identity provider on the next port, and the client registered between them. Shared by
// playwright.oidc.config.ts (which starts both servers) and the spec (which drives them).
import path from "node:path";

/** OIDC_E2E_PORT moves the whole run (app on it, provider on the next port). */
export const OIDC_APP_PORT = Number(process.env.OIDC_E2E_PORT ?? 3160);
export const OIDC_APP_URL = `http://127.0.0.1:${OIDC_APP_PORT}`;
export const OIDC_PROVIDER_PORT = OIDC_APP_PORT + 1;
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PROVIDER_PORT}`;
export const OIDC_CLIENT_ID = "credits-admin-center-e2e";
/** A test-only secret: the mock provider accepts nothing else, and it guards nothing real. */
export const OIDC_CLIENT_SECRET = "e2e-only-oidc-client-secret";
/** next-auth's callback for the provider with id "oidc" (lib/auth/options.ts). */
export const OIDC_REDIRECT_URI = `${OIDC_APP_URL}/api/auth/callback/oidc`;
export const OIDC_NAME = "Acme SSO";

/** Under e2e/artifacts/ (gitignored), never the developer's data/ nor the main suite's file. */
export const OIDC_DATABASE_FILE = path.join(__dirname, "..", "artifacts", `e2e-oidc-${OIDC_APP_PORT}.db`);
export const OIDC_DATABASE_URL = `file:${OIDC_DATABASE_FILE}`;
