// The credits page's URL state, one parser map shared by the server page (which reads it to
// query and sort) and the client controls (which write it): ?range= and ?team= for the usage
// chart and ?sort= for the grants table. Unknown values fall back to the defaults, never to an
// error (a team id the company does not have shows all teams).
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

/** `?team=<id>`: an id's shape only; the page checks it is one of the company's teams. */
export const parseAsTeamId = createParser<string>({
  parse: (value) => (/^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : null),
  serialize: (id) => id,
});

export const creditsPageSearchParams = {
  range: parseAsStringLiteral(USAGE_RANGES).withDefault("30d"),
  team: parseAsTeamId.withDefault(""),
  sort: parseAsSort(GRANT_SORT_COLUMNS).withDefault(DEFAULT_GRANT_SORT as GrantSort),
};

export const loadCreditsPageSearchParams = createLoader(creditsPageSearchParams);
