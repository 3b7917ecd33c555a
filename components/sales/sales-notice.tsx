"use client";
// One place on a company's Sales page where the outcome of the last change is said (a purchase
// recorded, a charge refunded, a purchase voided, credits adjusted): a polite live region under
// the heading, so the words are announced once and stay until the next change.
import { createContext, type ReactNode, useContext, useState } from "react";

const NoticeContext = createContext<{ notice: string; announce: (text: string) => void } | null>(null);

export function SalesNoticeProvider({ children }: { children: ReactNode }) {
  const [notice, announce] = useState("");
  return <NoticeContext.Provider value={{ notice, announce }}>{children}</NoticeContext.Provider>;
}

/** Says `text` in the page's notice region; "" clears it. */
export function useSalesNotice(): (text: string) => void {
  const context = useContext(NoticeContext);
  if (!context) throw new Error("useSalesNotice needs a SalesNoticeProvider around it");
  return context.announce;
}

export function SalesNotice() {
  const context = useContext(NoticeContext);
  return (
    <div role="status" aria-live="polite">
      {context?.notice ? <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{context.notice}</p> : null}
    </div>
  );
}
