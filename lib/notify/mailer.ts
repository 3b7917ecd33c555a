// Sending the outbox (R-NOTIFY-2). Threshold emails are written to OutboxEmail inside the ledger
// transaction (thresholds.ts); this module delivers them afterwards, on its own schedule, so a
// slow or broken mail server never blocks or fails a charge.
//
// With SMTP configured (SMTP_URL, MAIL_FROM) each pending email is sent; a failure is recorded
// and retried later with a growing delay, and the email is given up as 'failed' after
// MAX_ATTEMPTS. Without SMTP the email is marked 'kept': it stays readable in the outbox page,
// so nothing is lost. A kept email is never sent later (it would arrive long after the fact).
//
// Several deliverers may run at once (two app processes on one database): each email is
// claimed with a compare-and-set on (status, attempts) before it is sent, so only one of them
// sends it. A claim that is never finished (the process died mid-send) lapses after
// SENDING_STALE_MS and counts as an attempt; the email may then go out twice, never zero times.
//
// `lastAttemptAt` is when the latest attempt started (a retry is due retryDelayMs(attempts) after
// it); `sentAt` is when the email was sent, and NULL until then.
import nodemailer from "nodemailer";
import { type Clock, systemClock } from "../clock";
import { startJobs } from "../jobs";
import type { SqlDatabase, SqlValue } from "../sql";
import { col, shape } from "../sql/rows";
import { MAX_ATTEMPTS, retryDelayMs } from "./retry";

export { MAX_ATTEMPTS, retryDelayMs };

/** How many emails one run takes at most, oldest first. */
export const DELIVERY_BATCH = 50;
/** A claim not finished within this long is taken to be abandoned. */
export const SENDING_STALE_MS = 10 * 60_000;
/** How often `startOutboxDelivery` runs. */
export const DELIVERY_INTERVAL_MS = 15_000;
export const DEFAULT_MAIL_FROM = "Credits admin center <credits@localhost>";

export type OutgoingMail = { from: string; to: string; subject: string; text: string };
/** What delivery needs of a mail transport (a nodemailer transport is one), and its sender. */
export type MailTransport = { from?: string; sendMail(mail: OutgoingMail): Promise<unknown>; close?(): void };

export type SmtpSettings = { url: string; from: string };

/** SMTP settings from the environment, or null when SMTP_URL is not set (emails are kept). */
export function smtpSettings(env: Record<string, string | undefined> = process.env): SmtpSettings | null {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not the value itself: it may hold a password.
    throw new Error("SMTP_URL is not a URL: write it as smtp://user:password@host:587 (or smtps:// for TLS from the start)");
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") throw new Error(`SMTP_URL must start with smtp:// or smtps://, not ${parsed.protocol}//`);
  if (!parsed.hostname) throw new Error("SMTP_URL names no host");
  return { url, from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM };
}

/** Where mail goes, for people: no user name, no password. */
export function describeSmtp(settings: SmtpSettings): { host: string; port: number; tls: boolean; from: string } {
  const url = new URL(settings.url);
  const tls = url.protocol === "smtps:";
  return { host: url.hostname, port: url.port ? Number(url.port) : tls ? 465 : 587, tls, from: settings.from };
}

/**
 * A nodemailer SMTP transport for the settings, with timeouts well inside SENDING_STALE_MS.
 * Its errors are rethrown with the password taken out, so no caller can store or log it.
 */
export function createSmtpTransport(settings: SmtpSettings): MailTransport {
  const smtp = nodemailer.createTransport({
    url: settings.url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  } as nodemailer.TransportOptions);
  const secrets = secretsOf(settings);
  return {
    from: settings.from,
    async sendMail(mail) {
      try {
        return await smtp.sendMail(mail);
      } catch (error) {
        throw new Error(describeError(error, secrets));
      }
    },
    close: () => smtp.close(),
  };
}

export type DeliveryReport = {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Failed for the last time: given up. */
  failed: number;
  /** Marked kept: no SMTP. */
  kept: number;
  /** Claimed by another deliverer first. */
  skipped: number;
};

const CandidateRow = shape({ id: col.text, to: col.text, subject: col.text, text: col.text, status: col.oneOf(["pending", "sending"]), attempts: col.int });
type Candidate = ReturnType<typeof CandidateRow>;

/**
 * One delivery run over at most `limit` emails, oldest first. `transport` null means no SMTP
 * (emails are kept); left out, it comes from the environment (SMTP_URL, MAIL_FROM). Emails go
 * out one at a time, each claimed just before it is sent.
 */
export async function deliverOutbox(
  db: { sql: SqlDatabase },
  { now, transport, limit = DELIVERY_BATCH }: { now: Date; transport?: MailTransport | null; limit?: number },
): Promise<DeliveryReport> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, kept: 0, skipped: 0 };
  if (transport === undefined) {
    const settings = smtpSettings();
    transport = settings ? transportFor(settings) : null;
  }
  const sender = transport ? { transport, from: transport.from ?? DEFAULT_MAIL_FROM } : null;
  const staleBefore = new Date(now.getTime() - SENDING_STALE_MS);

  if (!sender) {
    report.kept = await db.sql.run(
      `UPDATE "OutboxEmail" SET "status" = 'kept'
        WHERE ("status" = 'pending' OR ("status" = 'sending' AND "lastAttemptAt" <= ?))
          AND "id" IN (SELECT "id" FROM "OutboxEmail" WHERE "status" = 'pending' OR ("status" = 'sending' AND "lastAttemptAt" <= ?) ORDER BY "createdAt", "id" LIMIT ?)`,
      [staleBefore, staleBefore, limit],
    );
    return report;
  }

  for (const email of await dueEmails(db.sql, now, staleBefore, limit)) {
    if (email.status === "sending" && email.attempts >= MAX_ATTEMPTS) {
      const changed = await db.sql.run(
        `UPDATE "OutboxEmail" SET "status" = 'failed', "lastError" = ? WHERE "id" = ? AND "status" = 'sending' AND "attempts" = ?`,
        [`The last of ${MAX_ATTEMPTS} attempts did not finish (the sender stopped while sending); gave up.`, email.id, email.attempts],
      );
      if (changed === 1) report.failed += 1;
      else report.skipped += 1;
      continue;
    }
    const claimed = await db.sql.run(
      `UPDATE "OutboxEmail" SET "status" = 'sending', "attempts" = "attempts" + 1, "lastAttemptAt" = ? WHERE "id" = ? AND "status" = ? AND "attempts" = ?`,
      [now, email.id, email.status, email.attempts],
    );
    if (claimed !== 1) {
      report.skipped += 1;
      continue;
    }
    const attempt = email.attempts + 1;
    try {
      await sender.transport.sendMail({ from: sender.from, to: email.to, subject: email.subject, text: email.text });
    } catch (error) {
      const giveUp = attempt >= MAX_ATTEMPTS;
      await db.sql.run(`UPDATE "OutboxEmail" SET "status" = ?, "lastError" = ? WHERE "id" = ? AND "status" = 'sending' AND "attempts" = ?`, [
        giveUp ? "failed" : "pending",
        describeError(error),
        email.id,
        attempt,
      ]);
      if (giveUp) report.failed += 1;
      else report.retrying += 1;
      continue;
    }
    await db.sql.run(`UPDATE "OutboxEmail" SET "status" = 'sent', "sentAt" = ?, "lastError" = '' WHERE "id" = ? AND "status" = 'sending' AND "attempts" = ?`, [
      now,
      email.id,
      attempt,
    ]);
    report.sent += 1;
  }
  return report;
}

/** Pending emails whose retry delay has passed, and abandoned claims; oldest first. */
async function dueEmails(sql: SqlDatabase, now: Date, staleBefore: Date, limit: number): Promise<Candidate[]> {
  // A retry is due when its latest attempt started at least retryDelayMs(attempts) ago.
  const retryTerms: string[] = [];
  const params: SqlValue[] = [];
  for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) {
    retryTerms.push(`("attempts" = ? AND "lastAttemptAt" <= ?)`);
    params.push(attempts, new Date(now.getTime() - retryDelayMs(attempts)));
  }
  return sql.rows(
    `SELECT "id", "to", "subject", "text", "status", "attempts" FROM "OutboxEmail"
      WHERE ("status" = 'pending' AND ("attempts" = 0 OR "lastAttemptAt" IS NULL OR ${retryTerms.join(" OR ")}))
         OR ("status" = 'sending' AND "lastAttemptAt" <= ?)
      ORDER BY "createdAt", "id"
      LIMIT ?`,
    [...params, staleBefore, limit],
    CandidateRow,
  );
}

const transports = new Map<string, MailTransport>();
function transportFor(settings: SmtpSettings): MailTransport {
  let transport = transports.get(settings.url);
  if (!transport) {
    transport = createSmtpTransport(settings);
    transports.set(settings.url, transport);
  }
  return transport;
}

/** The SMTP URL and its password, in every form they could appear in an error message. */
function secretsOf(settings: SmtpSettings): string[] {
  const url = new URL(settings.url);
  const secrets = [settings.url];
  if (url.password) secrets.push(url.password, safeDecode(url.password));
  return secrets.filter((s) => s.length > 0);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const LAST_ERROR_MAX = 500;

/** A failure as stored in lastError and logged: the server's answer, never the password. */
function describeError(error: unknown, secrets: readonly string[] = []): string {
  const code = (error as { code?: unknown } | null)?.code;
  let text = error instanceof Error ? error.message : String(error);
  if (typeof code === "string" && code && !text.startsWith(code)) text = `${code}: ${text}`;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) text = text.split(secret).join("[redacted]");
  text = text.replace(/\s+/g, " ").trim();
  return text.length > LAST_ERROR_MAX ? `${text.slice(0, LAST_ERROR_MAX - 1)}…` : text || "Unknown error";
}

/**
 * Runs deliverOutbox now and every `intervalMs` until stopped; for `npm start`. Reads SMTP_URL
 * and MAIL_FROM once (an invalid SMTP_URL throws here, at start). A run never overlaps the
 * previous one, and a failed run is logged and retried on the next tick.
 */
export function startOutboxDelivery(
  db: { sql: SqlDatabase },
  {
    clock = systemClock,
    intervalMs = DELIVERY_INTERVAL_MS,
    env = process.env,
    log = console,
  }: { clock?: Clock; intervalMs?: number; env?: Record<string, string | undefined>; log?: Pick<Console, "log" | "error"> } = {},
): { stop(): Promise<void> } {
  const settings = smtpSettings(env);
  const transport = settings ? createSmtpTransport(settings) : null;
  if (settings) {
    const { host, port, from } = describeSmtp(settings);
    log.log(`email: sending through SMTP at ${host}:${port} as ${from}`);
  } else {
    log.log("email: SMTP_URL is not set; emails are kept in the outbox (Admin center > Settings > Email outbox)");
  }
  const jobs = startJobs(
    [
      {
        name: "email delivery run",
        everyMs: intervalMs,
        runAtStart: true,
        run: async (now) => {
          const r = await deliverOutbox(db, { now, transport });
          if (r.sent || r.retrying || r.failed) log.log(`email: sent ${r.sent}, will retry ${r.retrying}, gave up on ${r.failed}`);
        },
      },
    ],
    { clock, log: { error: (message: string, error: unknown) => log.error(`${message} ${describeError(error)}`) } },
  );
  return {
    async stop() {
      await jobs.stop();
      transport?.close?.();
    },
  };
}
