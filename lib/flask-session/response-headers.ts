/**
 * The ordered header list of a Werkzeug response, with the two operations the session code uses on
 * it, so that header order comes out as Flask's does.
 */
export type HeaderList = Array<[string, string]>;

/**
 * `Headers.__setitem__` (werkzeug/datastructures.py `Headers.set`): replaces the first header of
 * that name in place and drops the others; appends when there is none.
 */
function setHeader(headers: HeaderList, name: string, value: string): void {
  const lower = name.toLowerCase();
  const first = headers.findIndex(([key]) => key.toLowerCase() === lower);
  if (first < 0) {
    headers.push([name, value]);
    return;
  }
  headers[first] = [headers[first][0], value];
  for (let i = headers.length - 1; i > first; i--) {
    if (headers[i][0].toLowerCase() === lower) headers.splice(i, 1);
  }
}

function getHeader(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

/**
 * `response.vary.add(value)`: the `Vary` header is parsed as a `HeaderSet`; adding a value it
 * already holds (case-insensitively) changes nothing, otherwise the set is written back with
 * `Headers.__setitem__`, keeping the header where it was.
 */
export function addVary(headers: HeaderList, value: string): void {
  const current = getHeader(headers, "Vary");
  const items = current
    ? current
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean)
    : [];
  if (items.some((item) => item.toLowerCase() === value.toLowerCase())) return;
  items.push(value);
  setHeader(headers, "Vary", items.join(", "));
}
