// POST /api/v1/briefs – a brief from the named calls and emails; charged for them on every
// generation, idempotent by key.
import { chargedRoute } from "@/lib/api/charged-route";

export const POST = chargedRoute("brief", "/api/v1/briefs");
