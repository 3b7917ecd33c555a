import { describe, expect, it } from "vitest";
import { oidcEmailVerified } from "./options";

describe("oidcEmailVerified", () => {
  it("accepts an email the provider says it verified (true, or the string some providers send)", () => {
    expect(oidcEmailVerified({ email: "a@acme.test", email_verified: true }, {})).toBe(true);
    expect(oidcEmailVerified({ email: "a@acme.test", email_verified: "true" }, {})).toBe(true);
  });

  it("refuses one it did not verify, or left unsaid, unless OIDC_EMAIL_VERIFIED=optional accepts the unsaid", () => {
    expect(oidcEmailVerified({ email: "a@acme.test", email_verified: false }, {})).toBe(false);
    expect(oidcEmailVerified({ email: "a@acme.test", email_verified: "false" }, {})).toBe(false);
    expect(oidcEmailVerified({ email: "a@acme.test" }, {})).toBe(false);
    expect(oidcEmailVerified(undefined, {})).toBe(false);
    expect(oidcEmailVerified({ email: "a@acme.test" }, { OIDC_EMAIL_VERIFIED: "optional" })).toBe(true);
    expect(oidcEmailVerified({ email: "a@acme.test", email_verified: false }, { OIDC_EMAIL_VERIFIED: "optional" })).toBe(false);
    expect(oidcEmailVerified({ email: "a@acme.test" }, { OIDC_EMAIL_VERIFIED: "yes" })).toBe(false);
  });
});
