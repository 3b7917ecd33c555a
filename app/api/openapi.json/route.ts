// GET /api/openapi.json – the OpenAPI document of the public API (public, no key needed).
import { openApiDocument } from "@/lib/api/openapi";

export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
