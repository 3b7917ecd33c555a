"use server";
// Changing a user's role (Tech admins only). The company is the acting admin's own, never one
// sent by the browser; a user of another company is not_found.
import { authedAction } from "@/lib/actions/client";
import { authorize } from "@/lib/auth/authorize";
import { systemClock } from "@/lib/clock";
import { getDatabase } from "@/lib/db";
import { changeRole } from "@/lib/users";
import { ChangeRoleInput } from "@/lib/users/schemas";

export const changeRoleAction = authedAction
  .metadata({ action: "users.change_role", permission: "users.manage" })
  .inputSchema(ChangeRoleInput)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    const companyId = authorize(actor, "users.manage");
    return changeRole(getDatabase().prisma, actor, { companyId, userId: parsedInput.userId, role: parsedInput.role }, systemClock.now());
  });
