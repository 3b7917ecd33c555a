// Readiness for scripts, tests and load balancers: 200 once the database is migrated and
// seeded, 503 before (a fixed surface of the spec).
import { connection } from "next/server";
import { isReady } from "@/lib/health";

export async function GET() {
  // Answer from the database on every request; a build-time or cached answer would lie.
  await connection();
  const ready = await isReady();
  return Response.json(ready ? { status: "ok" } : { status: "starting" }, {
    status: ready ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
