import { describe, expect, it } from "vitest";
import { creditsPageSearchParams, loadCreditsPageSearchParams, parseAsSort } from "./search-params";

describe("the page's URL state", () => {
  it("reads ?range=, ?team= and ?sort=, falling back to the defaults on anything else", () => {
    expect(loadCreditsPageSearchParams(new URLSearchParams(""))).toEqual({ range: "30d", team: "", sort: { id: "expiresAt", desc: false } });
    expect(loadCreditsPageSearchParams(new URLSearchParams("range=12m&team=team_01ABC&sort=remaining.desc"))).toEqual({
      range: "12m",
      team: "team_01ABC",
      sort: { id: "remaining", desc: true },
    });
    expect(loadCreditsPageSearchParams(new URLSearchParams("range=7y&team=a%20b'&sort=password.asc"))).toEqual({
      range: "30d",
      team: "",
      sort: { id: "expiresAt", desc: false },
    });
    expect(loadCreditsPageSearchParams(new URLSearchParams("sort=remaining"))).toMatchObject({ sort: { id: "expiresAt", desc: false } });
  });

  it("writes the sort as column.direction, limited to the allowed columns", () => {
    const parser = parseAsSort(["a", "b"] as const);
    expect(parser.serialize({ id: "b", desc: true })).toBe("b.desc");
    expect(parser.parse("b.asc")).toEqual({ id: "b", desc: false });
    expect(parser.parse("c.asc")).toBeNull();
    expect(creditsPageSearchParams.sort.serialize({ id: "availableFrom", desc: false })).toBe("availableFrom.asc");
  });
});
