/** Pipe tables out of Markdown, with the line and column of every cell. */

export interface TableCell {
  text: string;
  /** 1-based column of the cell's first character. */
  column: number;
}

export interface TableRow {
  cells: TableCell[];
  line: number;
}

export interface MarkdownTable {
  header: TableRow;
  rows: TableRow[];
}

const DELIMITER_CELL = /^:?-+:?$/;
const FENCE = /^\s*(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;

/** An open code fence: per CommonMark, only the same character at least as many times closes it. */
interface Fence {
  char: string;
  length: number;
  /** A ```markdown fence quotes a document: its tables count, and fences inside it nest. */
  markdown: boolean;
}

/**
 * Every GitHub-style pipe table of a document. Tables inside a ```markdown fence count (audits often
 * quote the Env.md they ask for); tables inside other fences, nested ones included, do not.
 */
export function parseMarkdownTables(text: string): MarkdownTable[] {
  const lines = text.split(/\r?\n/);
  const tables: MarkdownTable[] = [];
  const fences: Fence[] = [];
  let current: MarkdownTable | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const top = fences.at(-1);
    const marker = FENCE.exec(line);
    if (marker && (!top || top.markdown || closes(top, marker))) {
      current = undefined;
      if (top && closes(top, marker)) fences.pop();
      else {
        const run = marker[1] as string;
        fences.push({
          char: run[0] as string,
          length: run.length,
          markdown: /^(markdown|md)$/i.test(marker[2] ?? ""),
        });
      }
      continue;
    }
    if (top && !top.markdown) continue;
    if (current && line.includes("|") && line.trim() !== "") {
      current.rows.push({ cells: splitRow(line), line: index + 1 });
      continue;
    }
    current = undefined;
    const next = lines[index + 1];
    if (line.includes("|") && next !== undefined && isDelimiterRow(next)) {
      current = { header: { cells: splitRow(line), line: index + 1 }, rows: [] };
      tables.push(current);
      index++;
    }
  }
  return tables;
}

function closes(fence: Fence, marker: RegExpExecArray): boolean {
  const run = marker[1] as string;
  return run[0] === fence.char && run.length >= fence.length && marker[0].trim() === run;
}

function isDelimiterRow(line: string): boolean {
  if (!line.includes("-")) return false;
  const cells = splitRow(line);
  return cells.length > 0 && cells.every((cell) => DELIMITER_CELL.test(cell.text.replace(/\s/g, "")));
}

/** Splits on pipes that are neither escaped (`\|`) nor inside a code span. */
export function splitRow(line: string): TableCell[] {
  const cells: TableCell[] = [];
  let start = 0;
  let inCode = false;
  const trimmedStart = line.length - line.trimStart().length;
  let position = line[trimmedStart] === "|" ? trimmedStart + 1 : trimmedStart;
  start = position;
  const end =
    line.trimEnd().endsWith("|") && !line.trimEnd().endsWith("\\|") ? line.trimEnd().length - 1 : line.length;
  for (; position <= end; position++) {
    const char = line[position];
    if (char === "`") inCode = !inCode;
    if (position === end || (char === "|" && !inCode && line[position - 1] !== "\\")) {
      const raw = line.slice(start, position);
      const lead = raw.length - raw.trimStart().length;
      cells.push({ text: raw.trim().replace(/\\\|/g, "|"), column: start + lead + 1 });
      start = position + 1;
    }
  }
  return cells;
}

/** Cell text without Markdown: `code`, **bold**, [links](…). */
export function cellText(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__)(.*?)\1/g, "$2")
    .replace(/<br\s*\/?>/gi, " ")
    .trim();
}
