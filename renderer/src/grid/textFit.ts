// Whether a cell's text fits its column. Only cells that may overflow get a clip: a clip on
// every cell split each row into a paint chunk per cell, and painting and layerising those
// chunks made a scroll frame cost about twice the plain list's.

/** `text` fits in `room` CSS px. */
export type FitsText = (text: string, room: number) => boolean;

/** Keep-it-safe answer when nothing can be measured: clip every cell, as before. */
export const neverFits: FitsText = () => false;

// Tabular digits can be a little wider than the canvas's proportional ones, and a measure
// that comes out short lets text run into the next cell: leave some slack.
const slack = 1.1;
// Upper bounds of one glyph's width, in em, so most cells are answered by arithmetic
// alone: measureText was the largest script cost of a scroll frame. Digits and time
// punctuation stay under 0.75em in text fonts, printable ASCII about 1em (W, M, @), and
// anything else (a wide emoji) under 1.5em.
const numberLike = /^[\d .:,+-]*$/;
const printableAscii = /^[\x20-\x7e]*$/;
const widestEm = (text: string) => (numberLike.test(text) ? 0.75 : printableAscii.test(text) ? 1.05 : 1.5);
// Measured widths by text; names repeat down a list. Emptied when full, so it stays small.
const measuredLimit = 5_000;

/**
 * A fit check for the font of `element` (its computed font, measured with a canvas). Short
 * texts are answered by arithmetic; the rest by measureText, remembered by text.
 */
export function textFitter(element: Element | null): FitsText {
  if (!element) return neverFits;
  const style = getComputedStyle(element);
  const context = document.createElement('canvas').getContext('2d');
  const fontPx = Number.parseFloat(style.fontSize);
  if (!context || !Number.isFinite(fontPx)) return neverFits;
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const measured = new Map<string, number>();
  const width = (text: string) => {
    let known = measured.get(text);
    if (known === undefined) {
      if (measured.size >= measuredLimit) measured.clear();
      known = context.measureText(text).width * slack;
      measured.set(text, known);
    }
    return known;
  };
  return (text, room) => text.length * widestEm(text) * fontPx <= room || width(text) <= room;
}
