// What the Notifications settings page sends, checked by its server actions and named field by
// field, so each message lands beside its field. Zod only: safe to import anywhere.
import { z } from "zod";

/** A company's extra email recipients, at most. */
export const NOTIFICATION_RECIPIENTS_MAX = 10;
export const RECIPIENT_EMAIL_MAX = 254;

const email = z
  .string({ error: "Enter an email address." })
  .trim()
  .min(1, "Enter an email address, such as finance@example.com.")
  .max(RECIPIENT_EMAIL_MAX, `An email address is at most ${RECIPIENT_EMAIL_MAX} characters.`)
  .pipe(z.email("That is not an email address: write it as name@example.com."))
  .transform((value) => value.toLowerCase());

export const NotificationRecipientInput = z.object({ email });
export const SendTestNotificationInput = z.object({});
