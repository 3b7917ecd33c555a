// /api/mcp – the MCP server over Streamable HTTP (POST for messages, GET for the event stream,
// DELETE to end a session). Authenticated by an API key on every request: 401 without one.

import { withAuth } from "@/lib/api/with-auth";
import { AppError } from "@/lib/errors";
import { handleMcpRequest } from "@/lib/mcp/sessions";

const handler = withAuth(
  async (request, { actor, companyId }) => {
    if (actor.via !== "api_key")
      throw new AppError("unauthorized", "The MCP server takes an API key: send `Authorization: Bearer <key>` with a key from your profile page.");
    return handleMcpRequest(request, { actor, companyId });
  },
  { permission: "credits.consume" },
);

export { handler as GET, handler as POST, handler as DELETE };
