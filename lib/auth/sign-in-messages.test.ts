import { describe, expect, it } from "vitest";
import { accountLockedCode, signInErrorMessage } from "./sign-in-messages";

describe("sign-in messages", () => {
  it("says a locked account is locked, and for how long", () => {
    expect(signInErrorMessage(accountLockedCode(30_000))).toBe("This account is temporarily locked after too many wrong passwords. Try again in 30 seconds.");
    expect(signInErrorMessage(accountLockedCode(29_001))).toMatch(/Try again in 30 seconds\.$/);
    expect(signInErrorMessage(accountLockedCode(60_000))).toMatch(/Try again in 1 minute\.$/);
    expect(signInErrorMessage(accountLockedCode(90_000))).toMatch(/Try again in 2 minutes\.$/);
  });

  it("shows only its own words, whatever the URL's error code says", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("The email or password is not right. Check both and try again.");
    expect(signInErrorMessage("AccountLocked:<script>alert(1)</script>")).toBe("Signing in failed. Try again in a moment.");
    expect(signInErrorMessage("AccountLocked:99999999")).toBe("Signing in failed. Try again in a moment.");
    expect(signInErrorMessage("Your account was suspended, call 555-0100")).toBe("Signing in failed. Try again in a moment.");
    expect(signInErrorMessage(undefined)).toBeUndefined();
  });
});
