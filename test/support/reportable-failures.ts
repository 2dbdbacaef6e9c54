// A failed assertion reaches the runner whatever it compared. The runner copies each test's
// error with `structuredClone` before sending it to the terminal; a DOM node (or a function) as
// chai's `actual` or `expected` cannot be cloned, the copy throws in the page, and the file's
// results never arrive: the run waits for its whole time limit and ends as a "hung" browser,
// with no word of which test failed. Imported for its root hook by the shared test helpers
// (test/support/server.ts), so every file that talks to the server has it.

/** `value` if it can be cloned; otherwise a description that can (a node's markup, say). */
function cloneable(value: unknown): unknown {
  try {
    structuredClone(value);
    return value;
  } catch {
    if (value instanceof Element) return value.outerHTML;
    if (value instanceof Node) return `${value.nodeName}: ${value.textContent ?? ''}`;
    return String(value);
  }
}

// Root hook: runs after every test, failed ones included, before the results are sent.
afterEach(function () {
  const error = this.currentTest?.err as { actual?: unknown; expected?: unknown } | undefined;
  if (!error) return;
  if ('actual' in error) error.actual = cloneable(error.actual);
  if ('expected' in error) error.expected = cloneable(error.expected);
});
