// The credits page's URL state, one parser map shared by the server page (which reads it to
// query and sort) and the client controls (which write it): ?range= for the usage chart and
// ?sort= for the grants table. Unknown values fall back to the defaults, never to an error.
import { createLoader, createParser, parseAsStringLiteral } from "nuqs/server";
import { DEFAULT_GRANT_SORT, GRANT_SORT_COLUMNS, type GrantSort } from "./grant-sort";
import { USAGE_RANGES } from "./usage-series";

/** `?sort=<column>.<asc|desc>`, limited to the given column ids. */
export function parseAsSort<T extends string>(columns: readonly T[]) {
  return createParser<{ id: T; desc: boolean }>({
    parse(value) {
      const dot = value.lastIndexOf(".");
      const id = value.slice(0, dot) as T;
      const direction = value.slice(dot + 1);
      if (dot < 0 || !columns.includes(id) || (direction !== "asc" && direction !== "desc")) return null;
      return { id, desc: direction === "desc" };
    },
    serialize: (sort) => `${sort.id}.${sort.desc ? "desc" : "asc"}`,
    eq: (a, b) => a.id === b.id && a.desc === b.desc,
  });
}

export const creditsPageSearchParams = {
  range: parseAsStringLiteral(USAGE_RANGES).withDefault("30d"),
  sort: parseAsSort(GRANT_SORT_COLUMNS).withDefault(DEFAULT_GRANT_SORT as GrantSort),
};

export const loadCreditsPageSearchParams = createLoader(creditsPageSearchParams);
