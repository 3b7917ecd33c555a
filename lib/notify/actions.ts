"use server";
// The notifications page's actions: marking the acting user's own notifications read. Nothing
// in the input names a user or a company; both come from the session. Notifications go to
// admins only, so the permission is theirs ("credits.read"). The form refreshes the route
// afterwards (router.refresh()), which re-renders the bell in the layout.
// The Notifications settings page's actions (Tech admins, "settings.write"): add and remove an
// extra email recipient, and send a test email.
import { authedAction } from "../actions/client";
import { systemClock } from "../clock";
import { getCompanyProfile } from "../companies";
import { getDatabase } from "../db";
import { MarkAllNotificationsReadInput, MarkNotificationReadInput, markAllNotificationsRead, markNotificationRead } from "./inbox";
import { NotificationRecipientInput, SendTestNotificationInput } from "./recipient-schemas";
import { addNotificationRecipient, removeNotificationRecipient, sendTestNotification } from "./recipients";

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

export const addNotificationRecipientAction = authedAction
  .metadata({ action: "notifications.add_recipient", permission: "settings.write" })
  .inputSchema(NotificationRecipientInput)
  .action(async ({ parsedInput, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId, now: systemClock.now() };
    return addNotificationRecipient(getDatabase(), { ...change, email: parsedInput.email });
  });

export const removeNotificationRecipientAction = authedAction
  .metadata({ action: "notifications.remove_recipient", permission: "settings.write" })
  .inputSchema(NotificationRecipientInput)
  .action(async ({ parsedInput, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId, now: systemClock.now() };
    return removeNotificationRecipient(getDatabase(), { ...change, email: parsedInput.email });
  });

export const sendTestNotificationAction = authedAction
  .metadata({ action: "notifications.test", permission: "settings.write" })
  .inputSchema(SendTestNotificationInput)
  .action(async ({ ctx }) => {
    const companyId = ctx.authorizeCompany();
    const db = getDatabase();
    const company = await getCompanyProfile(db.prisma, { companyId });
    return sendTestNotification(db, { companyId, userId: ctx.actor.userId, companyName: company.name, now: systemClock.now() });
  });
