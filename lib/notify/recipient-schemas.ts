// What the Notifications settings page sends, checked by its server actions and named field by
// field, so each message lands beside its field. Zod only: safe to import anywhere.
import { z } from "zod";
import { emailAddress } from "../users/schemas";

/** A company's extra email recipients, at most. */
export const NOTIFICATION_RECIPIENTS_MAX = 10;

export const NotificationRecipientInput = z.object({ email: emailAddress("Enter an email address, such as finance@example.com.") });
export const SendTestNotificationInput = z.object({});
