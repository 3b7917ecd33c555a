// What people read of the notifier (R-NOTIFY-1, R-NOTIFY-2): a user's in-app notifications,
// with their unread count and marking them read, and the company's email outbox. Every read
// and change is scoped by the company and, for notifications, by the user as well: nobody sees
// or marks another person's notifications.
import { z } from "zod";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";
import { retryDelayMs } from "./retry";

/** The most notifications the page lists: the newest ones. */
export const NOTIFICATIONS_SHOWN = 50;

export type NotificationItem = { id: string; kind: string; title: string; body: string; createdAt: Date; readAt: Date | null };

type UserScope = { companyId: string; userId: string };

/** The user's notifications, newest first, at most `limit`, and how many they have in all. */
export async function listNotifications(
  db: Db | Tx,
  { companyId, userId, limit = NOTIFICATIONS_SHOWN }: UserScope & { limit?: number },
): Promise<{ items: NotificationItem[]; total: number }> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const where = { companyId, userId };
  const [items, total] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { id: true, kind: true, title: true, body: true, createdAt: true, readAt: true },
    }),
    db.notification.count({ where }),
  ]);
  return { items, total };
}

export function countUnreadNotifications(db: Db | Tx, { companyId, userId }: UserScope): Promise<number> {
  return db.notification.count({ where: { companyId, userId, readAt: null } });
}

/** The input of "Mark as read" on one notification. */
export const MarkNotificationReadInput = z.object({ notificationId: z.string().min(1).max(100) });
/** "Mark all as read" names nothing: the user's own notifications. */
export const MarkAllNotificationsReadInput = z.object({});

/** Marks one of the user's notifications read (again is fine); anyone else's is not_found. */
export async function markNotificationRead(
  db: Db | Tx,
  { companyId, userId, notificationId, now }: UserScope & { notificationId: string; now: Date },
): Promise<void> {
  const { count } = await db.notification.updateMany({ where: { id: notificationId, companyId, userId, readAt: null }, data: { readAt: now } });
  if (count === 1) return;
  const own = await db.notification.count({ where: { id: notificationId, companyId, userId } });
  if (own === 0) throw new AppError("not_found", "That notification is not among yours.");
}

/** Marks all of the user's unread notifications read; answers how many were unread. */
export async function markAllNotificationsRead(db: Db | Tx, { companyId, userId, now }: UserScope & { now: Date }): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { companyId, userId, readAt: null }, data: { readAt: now } });
  return count;
}

const OUTBOX_PAGE_SIZE = 50;

/** The statuses the mailer writes (lib/notify/mailer.ts). */
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "kept"] as const;

export type OutboxItem = {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** One of OUTBOX_STATUSES; read as stored. */
  status: string;
  attempts: number;
  lastError: string;
  createdAt: Date;
  /** When it was sent (status 'sent'). */
  sentAt: Date | null;
  /** When the latest attempt started, if any. */
  lastAttemptAt: Date | null;
  /** When a failed email is tried again (status 'pending' after a failed attempt). */
  nextAttemptAt: Date | null;
};

export type OutboxPage = { items: OutboxItem[]; page: number; pageCount: number; total: number; pageSize: number; counts: Partial<Record<string, number>> };

/** One page of the company's outbox, newest first, with how many emails are in each status. */
export async function listOutboxEmails(
  db: Db | Tx,
  { companyId, page, pageSize = OUTBOX_PAGE_SIZE }: { companyId: string; page: number; pageSize?: number },
): Promise<OutboxPage> {
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be a positive integer, got ${page}`);
  const [rows, groups] = await Promise.all([
    db.outboxEmail.findMany({ where: { companyId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    db.outboxEmail.groupBy({ by: ["status"], where: { companyId }, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  const total = groups.reduce((sum, g) => sum + g._count._all, 0);
  return {
    items: rows.map(({ id, to, subject, text, status, attempts, lastError, createdAt, sentAt, lastAttemptAt }) => ({
      id,
      to,
      subject,
      text,
      status,
      attempts,
      lastError,
      createdAt,
      sentAt,
      lastAttemptAt,
      nextAttemptAt: status === "pending" && attempts > 0 && lastAttemptAt ? new Date(lastAttemptAt.getTime() + retryDelayMs(attempts)) : null,
    })),
    page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    total,
    pageSize,
    counts,
  };
}

/** The page number in `?page=`; anything that is not a positive whole number is page 1. */
export function parseOutboxPage(value: string | string[] | undefined): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || !/^\d{1,9}$/.test(text)) return 1;
  const page = Number(text);
  return page >= 1 ? page : 1;
}
