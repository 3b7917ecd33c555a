// Page-level checks: every page.tsx calls one of these itself (a layout's check is not enough:
// layouts do not re-run on client navigation).
import { forbidden, redirect } from "next/navigation";
import { AppError } from "../errors";
import { type Actor, authorize, authorizeRole } from "./authorize";
import type { Permission } from "./roles";
import { getSessionActor } from "./session";

/** The signed-in actor, or a redirect to sign-in that comes back to `path`. */
export async function requireActor(path: string): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  return actor;
}

/** The actor, allowed `permission` (for `companyId` when given); otherwise the 403 page. */
export async function requirePermission(path: string, permission: Permission, companyId?: string): Promise<Actor & { actingCompanyId: string }> {
  const actor = await requireActor(path);
  try {
    return { ...actor, actingCompanyId: authorize(actor, permission, companyId) };
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") forbidden();
    throw error;
  }
}

/** The actor, if their role grants `permission` for any company (Sales' company list). */
export async function requireRolePermission(path: string, permission: Permission): Promise<Actor> {
  const actor = await requireActor(path);
  try {
    authorizeRole(actor, permission);
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") forbidden();
    throw error;
  }
  return actor;
}

/** Where each role starts. */
export function landingPath(actor: Actor): string {
  if (actor.role === "sales") return "/sales";
  if (actor.role === "member") return "/profile";
  return "/admin-center/settings/credits";
}
