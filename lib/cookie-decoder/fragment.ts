/**
 * The decoder's deep link: the pasted input travels in the URL fragment, which browsers never send
 * to the server. The secret key is never part of it.
 */
const KEY = "cookie";

export function fragmentFor(input: string): string {
  return input.trim() === "" ? "" : `#${KEY}=${encodeURIComponent(input.trim())}`;
}

/** The input a fragment carries, or null when it carries none (or cannot be decoded). */
export function inputFromFragment(hash: string): string | null {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  for (const part of text.split("&")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq) !== KEY) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1));
    } catch {
      return null;
    }
  }
  return null;
}
