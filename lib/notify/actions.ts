"use server";
// The notifications page's actions: marking the acting user's own notifications read. Nothing
// in the input names a user or a company; both come from the session. Notifications go to
// admins only, so the permission is theirs ("credits.read"). The form refreshes the route
// afterwards (router.refresh()), which re-renders the bell in the layout.
import { authedAction } from "../actions/client";
import { systemClock } from "../clock";
import { getDatabase } from "../db";
import { MarkAllNotificationsReadInput, MarkNotificationReadInput, markAllNotificationsRead, markNotificationRead } from "./inbox";

export const markNotificationReadAction = authedAction
  .metadata({ action: "notifications.mark_read", permission: "credits.read" })
  .inputSchema(MarkNotificationReadInput)
  .action(async ({ parsedInput, ctx }) => {
    const reader = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId };
    await markNotificationRead(getDatabase().prisma, { ...reader, notificationId: parsedInput.notificationId, now: systemClock.now() });
    return { notificationId: parsedInput.notificationId };
  });

export const markAllNotificationsReadAction = authedAction
  .metadata({ action: "notifications.mark_all_read", permission: "credits.read" })
  .inputSchema(MarkAllNotificationsReadInput)
  .action(async ({ ctx }) => {
    const reader = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId };
    const marked = await markAllNotificationsRead(getDatabase().prisma, { ...reader, now: systemClock.now() });
    return { marked };
  });
