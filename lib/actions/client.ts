// The one client for server actions. Each action declares the permission it needs in its
// metadata (an action without metadata does not compile); the middleware re-reads the acting
// user from the database and checks the permission; the company check runs in the action on
// its validated input, through authorize(). Only an AppError's message reaches the browser.
import { createSafeActionClient, DEFAULT_SERVER_ERROR_MESSAGE } from "next-safe-action";
import { z } from "zod";
import { authorizeRole } from "../auth/authorize";
import { PERMISSIONS, type Permission } from "../auth/roles";
import { getSessionActor } from "../auth/session";
import { AppError } from "../errors";

export type ActionError = { code: string; message: string; field?: string };

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
  return next({ ctx: { actor } });
});
