// HTTP against the running server: a download streamed to a file, next-auth's credentials sign-in
// (csrf token, then the callback with json=true, keeping cookies as a browser would) and timed
// page requests.

import { once } from "node:events";
import fs from "node:fs";

const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

export type Download = {
  status: number;
  rows: number;
  bytes: number;
  seconds: number;
  headersSeconds: number;
  contentDisposition: string | null;
  contentEncoding: string | null;
};

/**
 * GETs `url` and writes the body to `out` as it arrives; counts bytes and lines (of the decoded
 * body: fetch sends `Accept-Encoding: gzip, deflate` unless told otherwise and decompresses).
 */
export async function download(url: string, headers: Record<string, string>, out: string): Promise<Download> {
  const start = process.hrtime.bigint();
  const res = await fetch(url, { headers, redirect: "manual" });
  const headersSeconds = elapsed(start);
  const file = fs.createWriteStream(out);
  let bytes = 0;
  let lines = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      if (!file.write(chunk)) await once(file, "drain");
    }
  }
  file.end();
  await once(file, "close");
  return {
    status: res.status,
    rows: Math.max(lines - 1, 0),
    bytes,
    seconds: elapsed(start),
    headersSeconds,
    contentDisposition: res.headers.get("content-disposition"),
    contentEncoding: res.headers.get("content-encoding"),
  };
}

/** A cookie jar of name=value pairs, as much of one as next-auth needs. */
export class Cookies {
  private jar = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      const eq = pair.indexOf("=");
      if (eq > 0) this.jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  has(name: string) {
    return this.jar.has(name);
  }
  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** Signs in with email and password through next-auth's API; answers the session's cookies. */
export async function signIn(base: string, email: string, password: string): Promise<Cookies> {
  const cookies = new Cookies();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookies.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error(`GET /api/auth/csrf answered ${csrf.status} without a csrfToken`);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${base}/admin-center/settings/credits` }),
  });
  cookies.take(res);
  const body = await res.text();
  if (!cookies.has("next-auth.session-token") && !cookies.has("__Secure-next-auth.session-token")) {
    throw new Error(`sign-in failed: POST /api/auth/callback/credentials answered ${res.status} without a session cookie: ${body.slice(0, 300)}`);
  }
  return cookies;
}

export type PageTimes = { status: number; warmupMs: number[]; ms: number[]; median: number; max: number; bytes: number };

/** `warmups` untimed then `n` timed sequential GETs of a page, each read to its end. */
export async function timePage(
  url: string,
  cookies: Cookies,
  { warmups, n, mustContain }: { warmups: number; n: number; mustContain: string[] },
): Promise<PageTimes> {
  const once = async () => {
    const start = process.hrtime.bigint();
    const res = await fetch(url, { headers: { cookie: cookies.header() }, redirect: "manual" });
    const body = await res.text();
    const ms = elapsed(start) * 1000;
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status} (${res.headers.get("location") ?? body.slice(0, 200)})`);
    const missing = mustContain.filter((s) => !body.includes(s));
    if (missing.length) throw new Error(`GET ${url} answered 200 without ${missing.map((s) => `"${s}"`).join(", ")}`);
    return { ms, bytes: body.length };
  };
  const warmupMs: number[] = [];
  for (let i = 0; i < warmups; i++) warmupMs.push((await once()).ms);
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const r = await once();
    ms.push(r.ms);
    bytes = r.bytes;
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { status: 200, warmupMs, ms, median, max: sorted[sorted.length - 1]!, bytes };
}
