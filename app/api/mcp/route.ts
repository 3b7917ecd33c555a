// /api/mcp – the MCP server over Streamable HTTP (POST for messages, DELETE to end a session;
// sessions are kept in the database, so any instance serves them: lib/mcp/sessions.ts).
// Authenticated by an API key on every request: 401 without one.

import { withAuth } from "@/lib/api/with-auth";
import { systemClock } from "@/lib/clock";
import { getDatabase } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { handleMcpRequest } from "@/lib/mcp/sessions";

const handler = withAuth(
  async (request, { actor, companyId }) => {
    if (actor.via !== "api_key")
      throw new AppError("unauthorized", "The MCP server takes an API key: send `Authorization: Bearer <key>` with a key from your profile page.");
    return handleMcpRequest(request, { actor, companyId }, { db: getDatabase(), now: systemClock.now() });
  },
  { permission: "credits.consume" },
);

export { handler as GET, handler as POST, handler as DELETE };
