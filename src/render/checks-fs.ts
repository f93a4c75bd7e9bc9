/** Each feed's last check (src/archive/checks.ts), read once per build from the cache folder; none when absent. */
import { readFileSync } from 'node:fs';
import { type Checks, parseChecks } from '#src/archive/checks.ts';

export function readChecks(file: string): Checks {
  try {
    return parseChecks(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}
