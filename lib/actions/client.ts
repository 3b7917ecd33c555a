// The one client for server actions. Each action declares, once, in its metadata the permission
// it needs (an action without metadata does not compile). The middleware re-reads the acting user
// from the database and checks that their role grants the permission; the action then names the
// company its validated input touches through `ctx.authorizeCompany`, which checks the same
// permission for that company. Only an AppError's message reaches the browser.
import { createSafeActionClient, DEFAULT_SERVER_ERROR_MESSAGE } from "next-safe-action";
import { z } from "zod";
import { type Actor, authorize, authorizeRole } from "../auth/authorize";
import { PERMISSIONS, type Permission } from "../auth/roles";
import { getSessionActor } from "../auth/session";
import { AppError } from "../errors";

export type ActionError = { code: string; message: string; field?: string };

/** What every action's body receives besides its parsed input. */
export type ActionContext = {
  actor: Actor;
  /**
   * The company the action touches, authorized for the action's declared permission: the one
   * the validated input names (Sales act across companies), or without it the actor's own.
   */
  authorizeCompany: (companyId?: string) => string;
};

const permissionNames = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

const actionClient = createSafeActionClient({
  defaultValidationErrorsShape: "flattened",
  defineMetadataSchema: () => z.object({ action: z.string().min(1), permission: z.enum(permissionNames) }),
  handleServerError(error): ActionError {
    if (error instanceof AppError) return { code: error.code, message: error.message, field: error.field };
    console.error("server action failed:", error);
    return { code: "internal_error", message: DEFAULT_SERVER_ERROR_MESSAGE };
  },
});

export const authedAction = actionClient.use(async ({ next, metadata }) => {
  const actor = await getSessionActor();
  if (!actor) throw new AppError("unauthorized", "Your session has ended: sign in again.");
  authorizeRole(actor, metadata.permission);
  const ctx: ActionContext = { actor, authorizeCompany: (companyId) => authorize(actor, metadata.permission, companyId) };
  return next({ ctx });
});
