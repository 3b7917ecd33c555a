// After a form's action is refused, keyboard and screen-reader users land on the first field
// that needs fixing (the first control marked aria-invalid, in page order), with its message in
// view even inside a scrolling dialog.
import { type RefObject, useEffect } from "react";

export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>, action: { hasErrored: boolean; result: unknown }) {
  const { hasErrored, result } = action;
  useEffect(() => {
    // `result` is new for every answer, so each refusal moves focus again.
    if (!hasErrored || !result) return;
    const field = container.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!field) return;
    field.focus();
    document.getElementById(`${field.id}-error`)?.scrollIntoView({ block: "nearest" });
  }, [container, hasErrored, result]);
}
