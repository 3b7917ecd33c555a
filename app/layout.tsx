// The root layout: document language, global styles and the site title.
import type { Metadata } from "next";
import { connection } from "next/server";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import { HydrationMark } from "@/components/shell/hydration-mark";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Credits admin center", template: "%s · Credits admin center" },
  description: "A company's shared pool of prepaid AI credits: what remains, what was granted, and when it expires.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the Content-Security-Policy's script nonce (proxy.ts) is new
  // each time, and a page prerendered at build time would carry scripts without it.
  await connection();
  return (
    <html lang="en">
      <body>
        <NuqsAdapter>{children}</NuqsAdapter>
        <HydrationMark />
      </body>
    </html>
  );
}
