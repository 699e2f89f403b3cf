// Bytes to text. Timing software writes UTF-8 (with or without a BOM) or, older packages,
// Windows-1252. Strict UTF-8 first: cp1252 bytes such as 0xEB ('ë') are never valid UTF-8,
// so a failed strict decode is a reliable sign of the older encoding.

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // TextDecoder drops a leading BOM by default.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
