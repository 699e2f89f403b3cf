// A result field by the name the timer sees on the grid's column ("Bib", "Clock time"), for every
// message a timer reads: the API's names (bib_num, clock_time) belong on the wire only.
import { resultFieldSpec } from './resultFields';
import { splitIdOf } from './splits';

/** "bib_num" -> "Bib"; a split's field -> "Split 12" (the caller may know its name); an unknown name as it is; null (the whole row) -> "Row". */
export function fieldTitle(field: string | null): string {
  if (field === null) return 'Row';
  const title = resultFieldSpec(field)?.title;
  if (title !== undefined) return title;
  const splitId = splitIdOf(field);
  return splitId === null ? field : `Split ${splitId}`;
}

/** The field's title where there is room for more ("Registration id"); undefined for a split or an unknown name. */
export function fullFieldTitle(field: string): string | undefined {
  const spec = resultFieldSpec(field);
  return spec ? (spec.fullTitle ?? spec.title) : undefined;
}
