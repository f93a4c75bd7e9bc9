/** The fidelity check's findings as a table by class with the first examples of each. Pure. */
import { FINDING_CLASSES, type Finding } from './compare.ts';

export function formatFindingTable(findings: readonly Finding[], examples: number): string {
  const lines = ['class        findings', '-----------  --------'];
  for (const kind of FINDING_CLASSES) {
    const ofClass = findings.filter((finding) => finding.class === kind);
    lines.push(`${kind.padEnd(11)}  ${String(ofClass.length).padStart(8)}`);
    for (const finding of ofClass.slice(0, examples)) {
      lines.push(`    ${finding.file}: ${finding.item}: ${finding.detail}`);
    }
  }
  lines.push('-----------  --------', `${'total'.padEnd(11)}  ${String(findings.length).padStart(8)}`);
  return lines.join('\n');
}

/** Findings counted by class, every class present (for --json and tests). */
export function countByClass(findings: readonly Finding[]): Record<string, number> {
  return Object.fromEntries(FINDING_CLASSES.map((kind) => [kind, findings.filter((f) => f.class === kind).length]));
}
