"use server";
// The notifications page's actions: marking the acting user's own notifications read. Nothing
// in the input names a user or a company; both come from the session. Notifications go to
// admins only, so the permission is theirs ("credits.read"). The form refreshes the route
// afterwards (router.refresh()), which re-renders the bell in the layout.
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { authorize } from "@/lib/auth/authorize";
import { systemClock } from "@/lib/clock";
import { getDatabase } from "@/lib/db";
import { MarkNotificationReadInput, markAllNotificationsRead, markNotificationRead } from "@/lib/notify/inbox";

export const markNotificationReadAction = authedAction
  .metadata({ action: "notifications.mark_read", permission: "credits.read" })
  .inputSchema(MarkNotificationReadInput)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    const companyId = authorize(actor, "credits.read");
    await markNotificationRead(getDatabase().prisma, { companyId, userId: actor.userId, notificationId: parsedInput.notificationId, now: systemClock.now() });
    return { notificationId: parsedInput.notificationId };
  });

export const markAllNotificationsReadAction = authedAction
  .metadata({ action: "notifications.mark_all_read", permission: "credits.read" })
  .inputSchema(z.object({}))
  .action(async ({ ctx: { actor } }) => {
    const companyId = authorize(actor, "credits.read");
    const marked = await markAllNotificationsRead(getDatabase().prisma, { companyId, userId: actor.userId, now: systemClock.now() });
    return { marked };
  });
