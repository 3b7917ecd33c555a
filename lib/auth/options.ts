// next-auth configuration: email and password for the demo and self-hosted use, and one OpenID
// Connect provider when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set (it signs in
// existing users by email; it creates nobody). Sessions are JWTs that carry only the user id and
// when they were signed in; the role and company are read from the database on every request
// (lib/auth/session.ts).
// Wrong passwords are throttled per email (lib/auth/throttle.ts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { systemClock } from "../clock";
import { getDatabase } from "../db";
import { checkCredentials, unsafeFindUserByEmail } from "./credentials";
import { accountLockedCode } from "./sign-in-messages";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function userByEmail(email: string) {
  return unsafeFindUserByEmail(getDatabase().prisma, email);
}

function oidcProvider(): NextAuthOptions["providers"] {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = process.env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: "oidc",
      name: process.env.OIDC_NAME ?? "Single sign-on",
      type: "oauth",
      wellKnown: `${OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (profile: { sub: string; email?: string; name?: string }) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? null }),
    },
  ];
}

/**
 * Whether the provider vouches for the email it sent: `email_verified` must be true. Some
 * providers leave the claim out; `OIDC_EMAIL_VERIFIED=optional` accepts their profiles without it
 * (for a provider whose addresses only its administrators set), and still refuses false.
 */
export function oidcEmailVerified(profile: unknown, env: Record<string, string | undefined> = process.env): boolean {
  const claim = (profile as { email_verified?: unknown } | undefined)?.email_verified;
  // Some providers send the claim as a string.
  if (claim === true || claim === "true") return true;
  return claim === undefined && env.OIDC_EMAIL_VERIFIED === "optional";
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const email = credentials?.email ?? "";
        const password = credentials?.password ?? "";
        if (!email || !password || email.length > 254 || password.length > 1024) return null;
        const now = systemClock.now();
        const result = await checkCredentials(getDatabase(), { email, password, now });
        // next-auth hands a thrown error's message to the sign-in page as its `error` code.
        if (result.outcome === "locked") throw new Error(accountLockedCode(result.lockedUntil.getTime() - now.getTime()));
        return result.outcome === "signed_in" ? result.user : null;
      },
    }),
    ...oidcProvider(),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      // Users are matched by email, so an address the provider has not verified signs in nobody.
      if (!oidcEmailVerified(profile)) return false;
      const known = user.email ? await userByEmail(user.email) : null;
      return Boolean(known && !known.disabledAt);
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === "oidc" && user.email) {
        token.sub = (await userByEmail(user.email))?.id;
      } else if (user) {
        token.sub = user.id;
      }
      // When this session was signed in (kept as the token is renewed): a password change, a
      // reset or a disable after it ends the session (User.sessionsValidAfter).
      if (user) token.signedInAt = systemClock.now().getTime();
      return token;
    },
    async session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub, signedInAt: token.signedInAt } };
    },
  },
};
