import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback";

const SITE = "https://credits.example";

describe("safeCallbackPath", () => {
  it.each([
    ["/credits", "/credits"],
    ["/credits?range=30d#usage", "/credits?range=30d#usage"],
    ["/sales/company_1/purchases", "/sales/company_1/purchases"],
    ["/a/../credits", "/credits"],
  ])("keeps the path %j on this site", (value, path) => {
    expect(safeCallbackPath(value)).toBe(path);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/.//evil.example",
    "/%2e//evil.example/",
    "https://evil.example/credits",
    "javascript:alert(1)",
    " /credits",
    "credits",
    "",
    "/\u0000x",
  ])("refuses %j, which could lead off this site", (value) => {
    expect(safeCallbackPath(value)).toBeUndefined();
  });

  it("refuses what is not a string", () => {
    expect(safeCallbackPath(["/credits"])).toBeUndefined();
    expect(safeCallbackPath(undefined)).toBeUndefined();
  });

  it("answers only paths a browser follows to this site (property)", () => {
    const pieces = fc.constantFrom("/", "\\", "\t", "\n", ".", "..", "%2e", "%2f", "%5c", "evil.example", "@", ":", "?", "#", "credits", " ", "\u3000");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const path = safeCallbackPath(parts.join(""));
        if (path === undefined) return;
        expect(new URL(path, SITE).origin).toBe(SITE);
        expect(path.startsWith("/") && !path.startsWith("//")).toBe(true);
      }),
    );
  });
});
