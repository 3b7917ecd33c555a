// The frame for /notifications: the top bar with the bell and the user menu, and the page
// (components/shell/site-frame.tsx). The page checks who may see it.
import type { ReactNode } from "react";
import { SiteFrame } from "@/components/shell/site-frame";

export default function Layout({ children }: { children: ReactNode }) {
  return <SiteFrame>{children}</SiteFrame>;
}
