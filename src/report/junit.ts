import type { ScanResult } from "../scan.js";

/** JUnit XML: one failing test case per finding, or one passing case when there is none. */
export function formatJunit(result: ScanResult): string {
  const cases = result.findings.map((f) => {
    const name = escapeXml(`${f.ruleId} ${f.file}:${f.line}`);
    const message = escapeXml(`${f.description}: ${f.redacted}`);
    return `    <testcase classname="leakgate.${escapeXml(f.ruleId)}" name="${name}">\n      <failure type="${f.severity}" message="${message}">${escapeXml(`${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.redacted}`)}</failure>\n    </testcase>`;
  });
  if (cases.length === 0) cases.push('    <testcase classname="leakgate" name="no secrets found"/>');
  const seconds = (result.stats.durationMs / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="leakgate" tests="${Math.max(result.findings.length, 1)}" failures="${result.findings.length}" time="${seconds}">`,
    `  <testsuite name="leakgate" tests="${Math.max(result.findings.length, 1)}" failures="${result.findings.length}" time="${seconds}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
