// Joins class names, skipping falsy ones, for the primitives in this folder. There is no
// tailwind-merge here: a caller's className is appended, so it should add, not override.
export function classNames(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(" ");
}
