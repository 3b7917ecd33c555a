import { describe, expect, it } from "vitest";
import { appErrorOf } from "../../test/support/app-error";
import { AppError } from "../errors";
import { ExportSlots } from "./export-slots";

describe("ExportSlots", () => {
  it("leaves one of two slots to the other companies: a company's second download is refused busy while its first runs", () => {
    const slots = new ExportSlots(2);
    const first = slots.take("a");
    const own = appErrorOf(() => slots.take("a"));
    expect(own).toMatchObject({ code: "busy", details: { retryAfter: "30" } });
    expect(own.message).toBe("A report download of your company is already running on this server; try again when it has finished.");
    expect(() => slots.ensureFree("a")).toThrow(AppError);
    expect(() => slots.ensureFree("b")).not.toThrow();

    slots.take("b");
    expect(slots.inUse).toBe(2);
    expect(appErrorOf(() => slots.take("c")).message).toBe("2 report downloads are already running on this server; try again in a minute.");
    first();
    first();
    expect(slots.inUse).toBe(1);
    slots.take("c");
    // a's place came back once, not twice.
    expect(() => slots.take("a")).toThrow(AppError);
  });

  it("gives a company one fewer than all the slots, and at least one", () => {
    const four = new ExportSlots(4);
    for (let i = 0; i < 3; i++) four.take("a");
    expect(appErrorOf(() => four.take("a")).message).toBe(
      "3 report downloads of your company are already running on this server; try again when it has finished.",
    );
    four.take("b");
    const one = new ExportSlots(1);
    one.take("a");
    expect(appErrorOf(() => one.take("b")).message).toBe("A report download is already running on this server; try again in a minute.");
  });
});
