// Text helpers shared by the readers of game and model text; each is linear in its input.

/** `text` without the spans from `open` to `close` (an unclosed one runs to the end, as browsers
 *  read comments); every search resumes where the last span ended, unlike a lazy regex that
 *  rescans the rest of the text from each unclosed opener. */
export function withoutSpans(text: string, open: string, close: string): string {
  let out = '';
  let at = 0;
  for (let start = text.indexOf(open); start >= 0; start = text.indexOf(open, at)) {
    out += text.slice(at, start);
    const end = text.indexOf(close, start + open.length);
    if (end < 0) return out;
    at = end + close.length;
  }
  return out + text.slice(at);
}
