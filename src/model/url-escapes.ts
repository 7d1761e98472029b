/**
 * Percent-escapes in URLs that authors write (`[](#label)`, `![](fig%201.png)`) and in the
 * hrefs built from their labels: decoded in one place that never throws. A `%` that starts
 * no escape (`#%`, `%zz`) or escapes bytes that are not UTF-8 makes the built-in decoders
 * throw `URIError: URI malformed`; here it gives `undefined`, and the caller, which knows
 * the node, reports it there or keeps the text as written.
 */

/** A URL component (a fragment, a path segment) decoded, or undefined when malformed. */
export function decodeUrlComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** A URL component decoded, or as written when it is not valid percent-encoding. */
export function decodedOrAsWritten(text: string): string {
  return decodeUrlComponent(text) ?? text;
}

/**
 * A whole URL or path decoded as `decodeURI` does (escapes of `/`, `?`, `#` and other
 * reserved characters stay), or undefined when malformed.
 */
export function decodeUrl(text: string): string | undefined {
  try {
    return decodeURI(text);
  } catch {
    return undefined;
  }
}
