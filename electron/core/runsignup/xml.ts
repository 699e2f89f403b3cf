// XML for RunSignup: requests are built by escaping every value (never by pasting user data
// into markup); responses are parsed with fast-xml-parser, list elements always as lists.
import { XMLParser } from 'fast-xml-parser';

// Characters XML 1.0 cannot carry at all, even as &#n; (C0 controls other than tab, LF and CR,
// lone surrogates, U+FFFE and U+FFFF). A value holding one is refused rather than mangled.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text content or attribute value, escaped. CR is written as &#13; so parsers do not fold it into LF. */
export function escapeXml(value: string): string {
  const bad = notXmlChar.exec(value);
  if (bad) {
    const hex = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new RangeError(`A value holds the character U+${hex}, which XML cannot carry; remove it and upload again.`);
  }
  return value.replace(/[&<>"'\r]/g, (c) => entities[c] as string);
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };

export type XmlValue = string | number | null;

/** `<name>escaped</name>`; null gives an empty element (tally_value's "clear"). */
export function xmlElement(name: string, value: XmlValue): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new RangeError(`'${name}' is not an XML element name.`);
  const text = value === null ? '' : escapeXml(typeof value === 'number' ? numberText(value) : value);
  return `<${name}>${text}</${name}>`;
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a number RunSignup can store.`);
  return String(value);
}

// Elements that are lists in RunSignup's XML answers, so one item still comes back as a list of one.
const listElements = new Set(['virtual_result', 'event', 'participant', 'individual_result_set', 'failed_race_series_participant_id']);

const parser = new XMLParser({
  ignoreAttributes: true,
  // Values stay strings (a bib '007' must not become 7); the client converts each field itself.
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true, // decodes &#13; and other character references
  isArray: (name) => listElements.has(name),
});

/** Parses an XML answer; throws on text that is not XML at all. */
export function parseXml(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (!trimmed.startsWith('<')) throw new SyntaxError('not XML');
  const parsed: unknown = parser.parse(trimmed, true);
  if (!parsed || typeof parsed !== 'object') throw new SyntaxError('empty XML');
  return parsed as Record<string, unknown>;
}
