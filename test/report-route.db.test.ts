// The report route as a client meets it, called directly with an API key on a real SQLite file:
// HEAD answers a download's headers and takes no export slot; the dialog's check says busy while
// no slot is free for the company (one company may take one of the two); a GET whose client goes
// away gives its slot back at once; a range past the limit is 413.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../lib/db";
import { makeCompany } from "./support/companies";
import { freshDatabaseUrl } from "./support/databases";
import { eventually } from "./support/instances";

const NOW = new Date();
type Handler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;

let db: Database;
let key: string;
/** Another company's admin's key. */
let otherKey: string;
let route: { GET: Handler; HEAD: Handler };
let slots: { readonly inUse: number };

beforeAll(async () => {
  process.env.DATABASE_URL = await freshDatabaseUrl("sqlite");
  const { getDatabase } = await import("../lib/db");
  const { createApiKey } = await import("../lib/auth/api-keys");
  db = getDatabase();
  const { companyId } = await makeCompany(db.sql, NOW);
  await db.prisma.user.create({ data: { id: "report-admin", email: "report-admin@route.test", name: "Admin", role: "tech_admin", companyId } });
  key = (await createApiKey(db.prisma, { companyId, userId: "report-admin", name: "reports", now: NOW })).key;
  const other = await makeCompany(db.sql, NOW);
  await db.prisma.user.create({ data: { id: "other-admin", email: "other-admin@route.test", name: "Other", role: "tech_admin", companyId: other.companyId } });
  otherKey = (await createApiKey(db.prisma, { companyId: other.companyId, userId: "other-admin", name: "reports", now: NOW })).key;
  route = (await import("../app/api/reports/[report]/route")) as unknown as typeof route;
  ({ exportSlots: slots } = await import("../lib/reports"));
});

afterAll(async () => {
  await db?.close();
});

const call = (handler: Handler, method: "GET" | "HEAD", range: string, signal?: AbortSignal, as = key) =>
  handler(new Request(`http://local/api/reports/credit-usage?${range}`, { method, headers: { authorization: `Bearer ${as}` }, signal }), {
    params: Promise.resolve({ report: "credit-usage" }),
  });

describe("GET and HEAD /api/reports/{report}", () => {
  it("answers HEAD with a download's headers and no body, without taking an export slot", async () => {
    for (let i = 0; i < 3; i++) {
      const response = await call(route.HEAD, "HEAD", "from=2026-01-01&to=2026-01-31");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="credit-usage_.+_2026-01-01_2026-01-31\.csv"$/);
      expect(response.body).toBeNull();
    }
    expect(slots.inUse).toBe(0);
    // Both slots are still free: two downloads, of two companies, run at once.
    const downloads = await Promise.all([key, otherKey].map((as) => call(route.GET, "GET", "from=2026-01-01&to=2026-01-31", undefined, as)));
    expect(downloads.map((r) => r.status)).toEqual([200, 200]);
    expect(slots.inUse).toBe(2);
    for (const r of downloads) expect((await r.text()).split("\r\n")[0]).toMatch(/^Usage date,/);
    expect(slots.inUse).toBe(0);
  });

  it("answers the dialog's check with 503 busy while the company's download slot, or every slot, is taken, and 204 once one is free", async () => {
    const check = (as = key) => call(route.GET, "GET", "from=2026-01-01&to=2026-01-31&check=1", undefined, as);
    const download = (as = key) => call(route.GET, "GET", "from=2026-01-01&to=2026-01-31", undefined, as);
    expect((await check()).status).toBe(204);
    const first = await download();
    const own = await check();
    expect(own.status).toBe(503);
    expect(own.headers.get("retry-after")).toBe("30");
    expect(await own.json()).toMatchObject({
      error: "busy",
      message: "A report download of your company is already running on this server; try again when it has finished.",
    });
    // The other company still has a slot; once it takes it, every slot is taken.
    expect((await check(otherKey)).status).toBe(204);
    const second = await download(otherKey);
    expect(second.status).toBe(200);
    const full = await check(otherKey);
    expect(await full.json()).toMatchObject({ error: "busy", message: "2 report downloads are already running on this server; try again in a minute." });
    await first.text();
    expect((await check()).status).toBe(204);
    await second.text();
    expect(slots.inUse).toBe(0);
  });

  it("gives a download's slot back as soon as its client goes away, though its body was never read", async () => {
    const client = new AbortController();
    const response = await call(route.GET, "GET", "from=2026-01-01&to=2026-01-31", client.signal);
    expect(response.status).toBe(200);
    expect(slots.inUse).toBe(1);
    client.abort();
    await eventually("the abandoned download's slot is free", async () => slots.inUse === 0, 5_000);
  });

  it("refuses a range over 366 days with 413 too_large, naming the To date", async () => {
    const response = await call(route.GET, "GET", "from=2025-12-31&to=2027-01-01");
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: "too_large", field: "to" });
    expect(slots.inUse).toBe(0);
  });
});
