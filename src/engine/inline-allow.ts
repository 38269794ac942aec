import type { LineIndex } from "./location.js";
import type { Span } from "./regex.js";

/** A marker comment (`leakgate:allow`) on any line the match spans allows that match. */
export function isAllowedInline(data: Buffer, match: Span, lines: LineIndex, markers: string[]): boolean {
  const start = lines.lineSpan(match.start).start;
  const end = lines.lineSpan(Math.max(match.start, match.end - 1)).end;
  return markers.some((marker) => {
    const at = data.indexOf(marker, start, "latin1");
    return at !== -1 && at + marker.length <= end;
  });
}
