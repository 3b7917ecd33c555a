// lib/notify: usage notifications (R-NOTIFY-*).
//   evaluateThresholds   in the ledger's transaction: threshold states, in-app notifications, outbox
//   deliverOutbox        after commit: send the outbox through SMTP, or keep it without SMTP_URL
//   startOutboxDelivery  the 15-second delivery loop `npm start` runs
//   listNotifications, countUnreadNotifications, mark…Read   a user's in-app notifications
//   recipients.ts        who is emailed besides the admins, and the test email (Settings > Notifications)

export * from "./inbox";
export { deliverOutbox, smtpSettings, startOutboxDelivery } from "./mailer";
export { evaluateThresholds, THRESHOLDS, usedPercent } from "./thresholds";
