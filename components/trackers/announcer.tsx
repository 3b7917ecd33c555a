"use client";
// What the last tracker action did ("Published “Renewal risk”."), said in one live region on
// the page. The button that opened the dialog often disappears with the refresh (Publish
// becomes Unpublish), so the outcome has to be announced, not only shown in the row.
import { createContext, type ReactNode, useContext, useState } from "react";

type Announcer = { message: string; announce: (message: string) => void };

const AnnounceContext = createContext<Announcer>({ message: "", announce: () => undefined });

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext).announce;
}

export function TrackersAnnouncer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  return <AnnounceContext value={{ message, announce: setMessage }}>{children}</AnnounceContext>;
}

/** The live region: always in the page, empty until an action ends, so screen readers follow it. */
export function TrackersAnnouncement() {
  const { message } = useContext(AnnounceContext);
  return (
    <div role="status" aria-live="polite">
      {message ? <p className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{message}</p> : null}
    </div>
  );
}
