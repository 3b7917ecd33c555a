// Where sign-in sends a person afterwards: only a path on this site. An open redirect would hand
// someone who just typed their password to a look-alike page of anyone's.

const HERE = "http://this-site.invalid";

/**
 * The path to go to (path, query and fragment, as the browser will read it), or undefined when
 * `value` could lead anywhere else. The value is parsed as a browser parses it: browsers drop
 * tabs and line breaks and read `\` as `/`, so `/\t/evil.example` is `//evil.example`, another
 * site. Control characters and backslashes are refused outright, and the answer is the parsed
 * path, so what is checked is what is followed.
 */
export function safeCallbackPath(value: unknown): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (typeof value !== "string" || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, HERE);
  } catch {
    return undefined;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== HERE || !path.startsWith("/") || path.startsWith("//")) return undefined;
  return path;
}
