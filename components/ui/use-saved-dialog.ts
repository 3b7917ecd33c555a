"use client";
// A dialog's open state, and what follows its action's success (a save, a delete): close it,
// announce what was done (for screen readers), and refresh the page's server data.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAnnounce } from "./announcer";

export function useSavedDialog<T>(message: (saved: T) => string) {
  const router = useRouter();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const onSuccess = ({ data }: { data: T }) => {
    setOpen(false);
    announce(message(data));
    router.refresh();
  };
  return { open, setOpen, onSuccess };
}
