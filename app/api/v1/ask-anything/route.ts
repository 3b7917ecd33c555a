// POST /api/v1/ask-anything – answer a question from the named calls and emails; charged for
// them (0.1 per email, 0.5 per call up to 10 minutes, 1 per longer call), idempotent by key.
import { chargedRoute } from "@/lib/api/charged-route";

export const POST = chargedRoute("ask", "/api/v1/ask-anything");
