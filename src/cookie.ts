/**
 * Reading one cookie out of a cookie string: `document.cookie` in a page (a site's CSRF token)
 * or a request's `Cookie` header on the server (the demo's sign-in). One rule for both.
 */

/**
 * The value of cookie `name` in `cookies` (`document.cookie` or a `Cookie` header), percent-
 * decoded; the raw text when it is not valid percent-encoding (cookies are opaque to the
 * protocol, and a site may store a token with a bare `%`). Null when absent.
 */
export function cookieValue(name: string, cookies: string | null | undefined): string | null {
  if (!cookies) return null;
  for (const part of cookies.split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    const raw = part.slice(index + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}
