import { describe, expect, it } from "vitest";
import { ByteReader } from "./byte-reader.js";

async function* chunks(...parts: string[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.from(part);
}

describe("ByteReader", () => {
  it("reads fields across chunk boundaries and returns the rest at the end", async () => {
    const reader = new ByteReader(chunks("ab", "c\0de", "f\0", "tail"));
    expect((await reader.readUntil(0))?.toString()).toBe("abc");
    expect((await reader.readUntil(0))?.toString()).toBe("def");
    expect((await reader.readUntil(0))?.toString()).toBe("tail");
    expect(await reader.readUntil(0)).toBeUndefined();
    expect(await reader.peek()).toBe(-1);
  });

  it("reads and skips exact counts over many chunks", async () => {
    const reader = new ByteReader(chunks("12", "345", "6789", "0\n"));
    expect((await reader.read(3)).toString()).toBe("123");
    await reader.skip(4);
    expect((await reader.read(3)).toString()).toBe("890");
    expect(await reader.peek()).toBe(10);
    await expect(reader.read(5)).rejects.toThrow(/ended 4 bytes early/);
  });
});
