"use client";
// What the last action on a page or section did ("Published “Renewal risk”."), said in one live
// region. The button that opened a dialog often disappears with the refresh (Publish becomes
// Unpublish, a removed budget's row goes), so the outcome has to be announced, not only shown.
import { createContext, type ReactNode, useContext, useState } from "react";

type AnnouncerState = { message: string; announce: (message: string) => void };

const AnnounceContext = createContext<AnnouncerState>({ message: "", announce: () => undefined });

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext).announce;
}

export function Announcer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  return <AnnounceContext value={{ message, announce: setMessage }}>{children}</AnnounceContext>;
}

/** The live region: always in the page, empty until an action ends, so screen readers follow it. */
export function Announcement({ className = "mt-4" }: { className?: string }) {
  const { message } = useContext(AnnounceContext);
  return (
    <div role="status" aria-live="polite">
      {message ? <p className={`${className} rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900`}>{message}</p> : null}
    </div>
  );
}
