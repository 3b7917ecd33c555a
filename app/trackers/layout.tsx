// The frame for /trackers: the top bar and the page (components/shell/site-frame.tsx). The page
// checks who may see it; the frame only shows who is here.
import type { ReactNode } from "react";
import { SiteFrame } from "@/components/shell/site-frame";

export default function Layout({ children }: { children: ReactNode }) {
  return <SiteFrame width="max-w-5xl">{children}</SiteFrame>;
}
