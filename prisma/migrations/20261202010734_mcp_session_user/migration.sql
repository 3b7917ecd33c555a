-- A user's MCP sessions by recency: a new session beyond MAX_SESSIONS_PER_USER ends the least
-- recently used (lib/mcp/sessions.ts).

-- CreateIndex
CREATE INDEX "McpSession_userId_lastUsedAt_idx" ON "McpSession"("userId", "lastUsedAt");
