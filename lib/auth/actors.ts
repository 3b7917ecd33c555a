// Loading the acting user from the database: a disabled or removed user is no actor, and the
// role and company are always today's.
import type { Db } from "../db";
import type { Actor } from "./authorize";
import { isRole } from "./roles";

export async function loadActor(prisma: Db, userId: string, via: Actor["via"]): Promise<Actor | null> {
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt || !isRole(user.role)) return null;
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
