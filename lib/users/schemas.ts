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
