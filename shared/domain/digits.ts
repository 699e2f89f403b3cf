// The check a 100,000-row import makes several times a row (bib, registration id, tally):
// ASCII digits only, as /^\d+$/, without running a regular expression each time.

/** True when the text is one or more ASCII digits and nothing else. */
export function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
