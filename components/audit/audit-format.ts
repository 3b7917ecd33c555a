// How audit entries read on the page: times in the company's zone to the second, and actions
// and targets in words where they are known (the stored code is always shown as well).

/** "11:00:00 AM" in the given IANA zone: entries are told apart to the second. */
export function formatAuditClock(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, timeStyle: "medium" }).format(date);
}

const ACTION_LABELS: Record<string, string> = {
  "api_key.create": "Created an API key",
  "api_key.revoke": "Revoked an API key",
  "user.change_role": "Changed a role",
  "user.create": "Added a user",
  "user.change_password": "Changed their password",
  "user.reset_password": "Reset a user's password",
  "user.disable": "Disabled a user",
  "user.enable": "Enabled a user",
  "charge.refund": "Refunded a charge",
  "purchase.void": "Voided a purchase",
  "credits.adjust": "Adjusted credits",
  "brief.create": "Created a brief",
  "brief.update": "Changed a brief",
  "brief.automate": "Turned a brief's automation on or off",
  "brief.delete": "Deleted a brief",
  "notifications.add_recipient": "Added an email recipient",
  "notifications.remove_recipient": "Removed an email recipient",
  "notifications.test": "Sent a test email",
};

export function actionLabel(action: string): string | null {
  return ACTION_LABELS[action] ?? null;
}

const TARGET_LABELS: Record<string, string> = {
  user: "User",
  api_key: "API key",
  charge: "Charge",
  purchase: "Purchase",
  credit_grant: "Grant",
  ledger_entry: "Ledger entry",
  brief: "Brief",
  notification_recipient: "Email recipient",
  company: "Company",
};

export function targetTypeLabel(targetType: string): string {
  return TARGET_LABELS[targetType] ?? targetType;
}
