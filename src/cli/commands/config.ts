import { UsageError } from "../../errors.js";
import type { CliIo } from "../io.js";

// Placeholder until its issue lands: the verb exists so the CLI and its help are complete.
export async function run(_args: string[], _io: CliIo): Promise<number> {
  throw new UsageError("`leakgate config` is not available in this version");
}
