"use server";
// The profile's and the Users page's actions: a user's own API keys (R-AUTH-3), any key of the
// company, adding a user, changing a user's role, resetting a user's password, and disabling or
// enabling a user (Tech admins only); and anyone's own password. The company is always the acting user's own, never one sent by
// the browser; another company's user or key is not_found.
import { authedAction } from "../actions/client";
import { createApiKey, revokeApiKey, revokeCompanyApiKey } from "../auth/api-keys";
import { systemClock } from "../clock";
import { getDatabase } from "../db";
import { addCompanyUser, changeOwnPassword, resetUserPassword } from "./accounts";
import { AddUserInput, ChangePasswordInput, ChangeRoleInput, CreateApiKeyInput, ResetPasswordInput, RevokeApiKeyInput, SetUserDisabledInput } from "./schemas";
import { changeRole, setUserDisabled } from "./users";

export const createApiKeyAction = authedAction
  .metadata({ action: "api_keys.create", permission: "apikeys.own" })
  .inputSchema(CreateApiKeyInput)
  .action(async ({ parsedInput, ctx }) => {
    const owner = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId };
    const { id, name, key } = await createApiKey(getDatabase().prisma, { ...owner, name: parsedInput.name, now: systemClock.now() });
    // The only time the key leaves the server: only its hash is stored.
    return { id, name, key };
  });

export const revokeApiKeyAction = authedAction
  .metadata({ action: "api_keys.revoke", permission: "apikeys.own" })
  .inputSchema(RevokeApiKeyInput)
  .action(async ({ parsedInput, ctx }) => {
    const owner = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId };
    await revokeApiKey(getDatabase().prisma, { ...owner, keyId: parsedInput.keyId, now: systemClock.now() });
    return { keyId: parsedInput.keyId };
  });

export const revokeCompanyApiKeyAction = authedAction
  .metadata({ action: "api_keys.revoke_any", permission: "apikeys.manage" })
  .inputSchema(RevokeApiKeyInput)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany();
    const revoked = await revokeCompanyApiKey(getDatabase().prisma, {
      companyId,
      actorUserId: ctx.actor.userId,
      keyId: parsedInput.keyId,
      now: systemClock.now(),
    });
    return { keyId: parsedInput.keyId, ...revoked };
  });

export const changeRoleAction = authedAction
  .metadata({ action: "users.change_role", permission: "users.manage" })
  .inputSchema(ChangeRoleInput)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany();
    return changeRole(getDatabase(), ctx.actor, { companyId, userId: parsedInput.userId, role: parsedInput.role }, systemClock.now());
  });

export const setUserDisabledAction = authedAction
  .metadata({ action: "users.set_disabled", permission: "users.manage" })
  .inputSchema(SetUserDisabledInput)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany();
    return setUserDisabled(getDatabase(), ctx.actor, { companyId, userId: parsedInput.userId, disabled: parsedInput.disabled }, systemClock.now());
  });

export const addUserAction = authedAction
  .metadata({ action: "users.add", permission: "users.manage" })
  .inputSchema(AddUserInput)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany();
    // The only time the temporary password leaves the server: only its hash is stored.
    return addCompanyUser(getDatabase(), ctx.actor, { companyId, ...parsedInput }, systemClock.now());
  });

export const resetPasswordAction = authedAction
  .metadata({ action: "users.reset_password", permission: "users.manage" })
  .inputSchema(ResetPasswordInput)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany();
    // The only time the new temporary password leaves the server.
    return resetUserPassword(getDatabase(), ctx.actor, { companyId, userId: parsedInput.userId }, systemClock.now());
  });

export const changePasswordAction = authedAction
  .metadata({ action: "account.change_password", permission: "account.own" })
  .inputSchema(ChangePasswordInput)
  .action(async ({ parsedInput, ctx }) => {
    await changeOwnPassword(getDatabase(), { companyId: ctx.actor.companyId, userId: ctx.actor.userId, ...parsedInput, now: systemClock.now() });
    return { changed: true };
  });
