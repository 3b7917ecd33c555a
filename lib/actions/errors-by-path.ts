// A form's validation errors keyed by each field's full path ("title", "sections.2.callIds"),
// for forms with repeated parts: next-safe-action's flattened shape keys errors by the first
// part of the path only, so every section's problem would land on "sections".

export type ErrorsByPath = { formErrors: string[]; fieldErrors: Partial<Record<string, string[]>> };

/** next-safe-action's formatted errors ({ _errors, field: { _errors, … } }) by full path. */
export function errorsByPath(formatted: unknown): ErrorsByPath {
  const shaped: ErrorsByPath = { formErrors: [], fieldErrors: {} };
  const walk = (node: unknown, path: readonly string[]) => {
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key !== "_errors") {
        walk(value, [...path, key]);
        continue;
      }
      if (!Array.isArray(value) || value.length === 0) continue;
      const messages = value.map(String);
      if (path.length === 0) shaped.formErrors.push(...messages);
      else shaped.fieldErrors[path.join(".")] = [...(shaped.fieldErrors[path.join(".")] ?? []), ...messages];
    }
  };
  walk(formatted, []);
  return shaped;
}
