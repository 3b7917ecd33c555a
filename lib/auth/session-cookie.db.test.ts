// The session cookie through next-auth's own handler with the app's options: HttpOnly and
// SameSite=Lax always, and Secure (with the __Secure- prefix) when the app's public address,
// NEXTAUTH_URL, is https. next-auth decides this from NEXTAUTH_URL (useSecureCookies).
import NextAuth from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabaseUrl } from "../../test/support/databases";
import { getDatabase } from "../db";
import { createId } from "../ids";
import { authOptions } from "./options";
import { hashPassword } from "./password";

const PASSWORD = "cookie-test-password";
let email: string;
const saved = { url: process.env.DATABASE_URL, nextAuthUrl: process.env.NEXTAUTH_URL, secret: process.env.NEXTAUTH_SECRET };

beforeAll(async () => {
  process.env.DATABASE_URL = await freshDatabaseUrl("sqlite");
  process.env.NEXTAUTH_SECRET = "a-secret-for-this-test-only";
  const db = getDatabase();
  const now = new Date();
  const { companyId } = await makeCompany(db.sql, now);
  email = `cookie-${Date.now().toString(36)}@example.test`;
  await db.prisma.user.create({
    data: { id: createId("user", now), email, name: "Cookie", role: "member", companyId, passwordHash: await hashPassword(PASSWORD) },
  });
});

afterAll(async () => {
  await getDatabase().close();
  for (const [key, value] of [
    ["DATABASE_URL", saved.url],
    ["NEXTAUTH_URL", saved.nextAuthUrl],
    ["NEXTAUTH_SECRET", saved.secret],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** Calls next-auth's handler the way a Next.js API route would, and answers its Set-Cookie lines. */
async function call(req: { method: string; action: string[]; cookies?: Record<string, string>; body?: Record<string, string> }) {
  const headers = new Map<string, unknown>();
  let body: unknown;
  const res = {
    status: () => res,
    setHeader: (key: string, value: unknown) => {
      headers.set(key.toLowerCase(), value);
      return res;
    },
    getHeader: (key: string) => headers.get(key.toLowerCase()),
    json: (value: unknown) => {
      body = value;
      return res;
    },
    send: (value: unknown) => {
      body = value;
      return res;
    },
    end: () => res,
  };
  const request = {
    method: req.method,
    query: { nextauth: req.action },
    headers: { host: "credits.example.test" },
    cookies: req.cookies ?? {},
    body: req.body,
  };
  await (NextAuth as unknown as (q: unknown, r: unknown, o: unknown) => Promise<unknown>)(request, res, authOptions);
  return { setCookies: ([] as string[]).concat((headers.get("set-cookie") as string[] | undefined) ?? []), body };
}

async function signInCookies(): Promise<string[]> {
  const csrf = await call({ method: "GET", action: ["csrf"] });
  const { csrfToken } = csrf.body as { csrfToken: string };
  const cookies = Object.fromEntries(
    csrf.setCookies.map((line) => {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      return [pair!.slice(0, at), decodeURIComponent(pair!.slice(at + 1))];
    }),
  );
  const signedIn = await call({ method: "POST", action: ["callback", "credentials"], cookies, body: { csrfToken, email, password: PASSWORD, json: "true" } });
  expect((signedIn.body as { url: string }).url).not.toMatch(/error=/);
  return signedIn.setCookies;
}

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Lax and Secure when the app is served over https", async () => {
    process.env.NEXTAUTH_URL = "https://credits.example.test";
    const session = (await signInCookies()).find((line) => line.startsWith("__Secure-next-auth.session-token="));
    expect(session).toBeDefined();
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; SameSite=Lax/);
  });

  it("is HttpOnly and SameSite=Lax, without Secure, over plain http", async () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    const session = (await signInCookies()).find((line) => line.startsWith("next-auth.session-token="));
    expect(session).toBeDefined();
    expect(session).toMatch(/; HttpOnly/);
    expect(session).not.toMatch(/; Secure/);
    expect(session).toMatch(/; SameSite=Lax/);
  });
});
