// The one predicate tracker filters go through (R-TRACK-3), for the worker, the estimate and the
// progress alike: data types, minimum call length, the owner's team, participant domains to
// include or exclude, and "external only".
import { describe, expect, it } from "vitest";
import { domainOf, type FilterableItem, hasPeopleFilters, passesFilters, splitLines, type TrackerFilters } from "./filters";

const ANY: TrackerFilters = {
  includeCalls: true,
  includeEmails: true,
  minCallSeconds: 0,
  teamIds: [],
  includeDomains: [],
  excludeDomains: [],
  externalOnly: false,
};
const OWN = new Set(["acme.test"]);
const call = (extra: Partial<FilterableItem> = {}): FilterableItem => ({ kind: "call", durationSeconds: 900, ownerTeamId: null, participants: [], ...extra });
const email = (extra: Partial<FilterableItem> = {}): FilterableItem => ({ kind: "email", durationSeconds: 0, ownerTeamId: null, participants: [], ...extra });
const passes = (item: FilterableItem, filters: Partial<TrackerFilters>) => passesFilters(item, { ...ANY, ...filters }, OWN);

describe("passesFilters", () => {
  it("lets everything through without filters", () => {
    expect(passes(call(), {})).toBe(true);
    expect(passes(email(), {})).toBe(true);
    expect(hasPeopleFilters(ANY)).toBe(false);
  });

  it("keeps the data types chosen", () => {
    expect(passes(call(), { includeCalls: false })).toBe(false);
    expect(passes(email(), { includeCalls: false })).toBe(true);
    expect(passes(email(), { includeEmails: false })).toBe(false);
    expect(passes(call(), { includeEmails: false })).toBe(true);
  });

  it("keeps calls at least the minimum length long, and emails whatever it is", () => {
    expect(passes(call({ durationSeconds: 599 }), { minCallSeconds: 600 })).toBe(false);
    expect(passes(call({ durationSeconds: 600 }), { minCallSeconds: 600 })).toBe(true);
    expect(passes(email(), { minCallSeconds: 600 })).toBe(true);
  });

  it("keeps items whose owner is in one of the teams; an item without an owner in a team is left out", () => {
    const filters = { teamIds: ["team_sales", "team_support"] };
    expect(passes(call({ ownerTeamId: "team_sales" }), filters)).toBe(true);
    expect(passes(email({ ownerTeamId: "team_support" }), filters)).toBe(true);
    expect(passes(call({ ownerTeamId: "team_legal" }), filters)).toBe(false);
    expect(passes(call({ ownerTeamId: null }), filters)).toBe(false);
    expect(hasPeopleFilters({ ...ANY, ...filters })).toBe(true);
  });

  it("includes items with a participant in an included domain, by the exact domain, in any case", () => {
    const filters = { includeDomains: ["customer.com", "partner.org"] };
    expect(passes(call({ participants: ["me@acme.test", "Buyer@Customer.COM"] }), filters)).toBe(true);
    expect(passes(email({ participants: ["x@partner.org"] }), filters)).toBe(true);
    expect(passes(call({ participants: ["me@acme.test"] }), filters)).toBe(false);
    expect(passes(call({ participants: ["a@sales.customer.com"] }), filters)).toBe(false);
    expect(passes(call({ participants: [] }), filters)).toBe(false);
  });

  it("excludes items with any participant in an excluded domain", () => {
    const filters = { excludeDomains: ["competitor.io"] };
    expect(passes(call({ participants: ["a@customer.com", "spy@competitor.io"] }), filters)).toBe(false);
    expect(passes(call({ participants: ["a@customer.com"] }), filters)).toBe(true);
    expect(passes(call({ participants: [] }), filters)).toBe(true);
    // Exclusion wins over inclusion.
    expect(passes(call({ participants: ["a@customer.com", "b@competitor.io"] }), { ...filters, includeDomains: ["customer.com"] })).toBe(false);
  });

  it("keeps, for external only, items with at least one participant outside the company's own domains", () => {
    const filters = { externalOnly: true };
    expect(passes(call({ participants: ["me@acme.test", "buyer@customer.com"] }), filters)).toBe(true);
    expect(passes(call({ participants: ["me@acme.test", "you@ACME.test"] }), filters)).toBe(false);
    expect(passes(email({ participants: [] }), filters)).toBe(false);
  });

  it("applies every filter together", () => {
    const filters: Partial<TrackerFilters> = {
      includeEmails: false,
      minCallSeconds: 600,
      teamIds: ["team_sales"],
      includeDomains: ["customer.com"],
      excludeDomains: ["competitor.io"],
      externalOnly: true,
    };
    const good = call({ durationSeconds: 700, ownerTeamId: "team_sales", participants: ["me@acme.test", "b@customer.com"] });
    expect(passes(good, filters)).toBe(true);
    expect(passes({ ...good, kind: "email" }, filters)).toBe(false);
    expect(passes({ ...good, durationSeconds: 300 }, filters)).toBe(false);
    expect(passes({ ...good, ownerTeamId: "team_support" }, filters)).toBe(false);
    expect(passes({ ...good, participants: ["me@acme.test", "b@partner.org"] }, filters)).toBe(false);
    expect(passes({ ...good, participants: [...good.participants, "c@competitor.io"] }, filters)).toBe(false);
  });
});

describe("domainOf and splitLines", () => {
  it("reads an address's domain in lower case, and one value per line", () => {
    expect(domainOf("Someone@Mail.Example.COM")).toBe("mail.example.com");
    expect(splitLines(" a.com \n\nb.org\n")).toEqual(["a.com", "b.org"]);
  });
});
