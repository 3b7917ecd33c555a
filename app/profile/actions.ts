"use server";
// The profile page's actions: a user's own API keys (R-AUTH-3). Each key belongs to the acting
// user and their company; nothing in the input names a user or a company.
import { authedAction } from "@/lib/actions/client";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { authorize } from "@/lib/auth/authorize";
import { systemClock } from "@/lib/clock";
import { getDatabase } from "@/lib/db";
import { CreateApiKeyInput, RevokeApiKeyInput } from "@/lib/users/schemas";

export const createApiKeyAction = authedAction
  .metadata({ action: "api_keys.create", permission: "apikeys.own" })
  .inputSchema(CreateApiKeyInput)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    authorize(actor, "apikeys.own");
    const { id, name, key } = await createApiKey(getDatabase().prisma, actor, parsedInput.name, systemClock.now());
    // The only time the key leaves the server: only its hash is stored.
    return { id, name, key };
  });

export const revokeApiKeyAction = authedAction
  .metadata({ action: "api_keys.revoke", permission: "apikeys.own" })
  .inputSchema(RevokeApiKeyInput)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    authorize(actor, "apikeys.own");
    // revokeApiKey finds the key among the actor's own: anyone else's is not_found.
    await revokeApiKey(getDatabase().prisma, actor, parsedInput.keyId, systemClock.now());
    return { keyId: parsedInput.keyId };
  });
