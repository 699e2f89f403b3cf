// Small JSON files in the data folder that remember a timer's last choice (the results place,
// the series scoring set), so a screen opens where they left it. Replaced atomically (write,
// then rename) so a crash never leaves half a file; read forgivingly, because a missing or
// damaged file only means starting from the pickers.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/** The saved object, or null when there is no file yet or it cannot be read. */
export function readSavedChoice(file: string): Record<string, unknown> | null {
  try {
    const saved: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return saved !== null && typeof saved === 'object' ? (saved as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function writeSavedChoice(file: string, choice: object): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(choice));
  renameSync(temp, file);
}

/** A RunSignup id as saved, or null for anything else (hand-edited, older format). */
export const savedId = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null);
