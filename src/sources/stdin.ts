import type { SourceItem } from "../engine/types.js";

/** Everything on standard input, as one fragment named `path`. */
export async function* readStdin(
  stream: NodeJS.ReadableStream,
  path = "<stdin>",
): AsyncGenerator<SourceItem> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  yield { data: Buffer.concat(chunks), path, provenance: { kind: "stdin" }, checkPath: false };
}
