// Bytes to text. Timing software writes UTF-8 (with or without a BOM) or, older packages,
// Windows-1252; Excel's "Unicode text" and some Windows tools write UTF-16 with a BOM.
// A UTF-16 BOM (FF FE little-endian, FE FF big-endian) decides first: read as UTF-8 or
// Windows-1252, such a file turns into letters with a NUL between each.
// Then strict UTF-8: cp1252 bytes such as 0xEB ('ë') are never valid UTF-8, so a failed
// strict decode is a reliable sign of the older encoding.

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  // TextDecoder drops a leading BOM by default, in every one of these encodings.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
