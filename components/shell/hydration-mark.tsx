"use client";
// Marks the document once React has hydrated it (<html data-hydrated>). Until then the page is
// the server's HTML, whose buttons have no handlers yet; the browser tests wait for the mark
// after each navigation so a click never lands in that window.
import { useEffect } from "react";

export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
