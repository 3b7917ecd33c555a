"use client";
// Whether React has hydrated this page: false in the server's HTML and during hydration, true
// after. Controls whose only behaviour is a client handler (signing in or out through next-auth)
// stay disabled until then, so a click that lands before the page's JavaScript has run is
// refused visibly instead of doing nothing, or, for a form, submitting natively.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
