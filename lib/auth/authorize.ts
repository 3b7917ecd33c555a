// The one authorization check. Every page, server action and route handler calls it on the
// server with the acting user, what they want to do and the company it touches.
import { AppError } from "../errors";
import { CROSS_COMPANY, can, PERMISSIONS, type Permission, ROLE_LABELS, type Role } from "./roles";

/** Who is acting: read from the database on every request, so a demotion applies at once. */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** NULL only for Sales. */
  companyId: string | null;
  via: "session" | "api_key";
  /** The user's team; charges the user makes are attributed to it (R-TEAM-1). */
  teamId?: string | null;
  /** The API key a request came with (via "api_key"). */
  apiKeyId?: string;
};

/**
 * Throws `forbidden` unless the actor's role grants `permission` and, when `companyId` is given,
 * the actor belongs to that company (Sales: only for purchases, across companies). Answers the
 * company the action applies to.
 */
export function authorize(actor: Actor, permission: Permission, companyId?: string): string {
  authorizeRole(actor, permission);
  if (companyId === undefined) {
    if (actor.companyId === null) throw new AppError("forbidden", "Choose a company first.");
    return actor.companyId;
  }
  if (actor.role === "sales" && CROSS_COMPANY.has(permission)) return companyId;
  if (actor.companyId !== companyId) {
    throw new AppError("forbidden", "You may only see and change your own company's data.");
  }
  return companyId;
}

/** The role half of authorize(): the actor's role grants `permission`, whatever the company. */
export function authorizeRole(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) {
    throw new AppError("forbidden", `A ${ROLE_LABELS[actor.role]} may not ${PERMISSIONS[permission]}.`);
  }
}
