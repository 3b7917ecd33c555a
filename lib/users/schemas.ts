// The inputs of the profile and user-management actions, shared by the server actions and the
// forms that check them before sending. Zod only: safe to import in client components.
import { z } from "zod";

/** The roles a company user may be given; Sales is the vendor's own team, never a company user. */
export const ASSIGNABLE_ROLES = ["tech_admin", "business_admin", "member"] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export const API_KEY_NAME_MAX = 100;

export const CreateApiKeyInput = z.object({
  name: z
    .string({ error: "Enter a name for the key." })
    .trim()
    .min(1, "Enter a name for the key, such as the program that will use it.")
    .max(API_KEY_NAME_MAX, `Use at most ${API_KEY_NAME_MAX} characters.`),
});

export const RevokeApiKeyInput = z.object({
  keyId: z.string().min(1).max(100),
});

export const ChangeRoleInput = z.object({
  userId: z.string().min(1).max(100),
  role: z.enum(ASSIGNABLE_ROLES, { error: "Choose Tech admin, Business admin or Member." }),
});

export const SetUserDisabledInput = z.object({
  userId: z.string().min(1).max(100),
  disabled: z.boolean(),
});

export const USER_NAME_MAX = 100;
export const EMAIL_MAX = 254;

/**
 * An email address as people type it: trimmed, checked and lowercased, as accounts are looked up.
 * `empty` is the message when none is given.
 */
export function emailAddress(empty: string) {
  return z
    .string({ error: "Enter an email address." })
    .trim()
    .min(1, empty)
    .max(EMAIL_MAX, `An email address is at most ${EMAIL_MAX} characters.`)
    .pipe(z.email("That is not an email address: write it as name@example.com."))
    .transform((value) => value.toLowerCase());
}
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export const AddUserInput = z.object({
  name: z
    .string({ error: "Enter the user's name." })
    .trim()
    .min(1, "Enter the user's name, such as “Ada Lovelace”.")
    .max(USER_NAME_MAX, `A name is at most ${USER_NAME_MAX} characters.`),
  email: emailAddress("Enter the email address they sign in with."),
  role: z.enum(ASSIGNABLE_ROLES, { error: "Choose Tech admin, Business admin or Member." }),
});

export const ChangePasswordInput = z.object({
  current: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(PASSWORD_MAX, "That is not your password."),
  next: z
    .string({ error: "Enter a new password." })
    .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
    .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`),
});

export const ResetPasswordInput = z.object({ userId: z.string().min(1).max(100) });
