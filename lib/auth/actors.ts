// Loading the acting user from the database: a disabled or removed user is no actor, a session
// signed in before the user's sessionsValidAfter (a password change or reset, a disable) is no
// longer one, and the role and company are always today's.
import type { Db } from "../db";
import type { Actor } from "./authorize";
import { isRole } from "./roles";

/** `signedInAt` (ms): when the session was signed in; 0 for a session that does not say. */
export async function loadActor(prisma: Db, userId: string, via: Actor["via"], signedInAt = 0): Promise<Actor | null> {
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt || !isRole(user.role)) return null;
  if (via === "session" && user.sessionsValidAfter && signedInAt < user.sessionsValidAfter.getTime()) return null;
  if (user.role !== "sales" && !user.companyId) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    companyId: user.role === "sales" ? null : user.companyId,
    teamId: user.teamId,
    via,
  };
}
