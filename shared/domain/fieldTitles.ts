// A result field by the name the timer sees on the grid's column ("Bib", "Clock time"), for every
// message a timer reads: the API's names (bib_num, clock_time) belong on the wire only.
import { splitIdOf } from './splits';

const titles: Record<string, string> = {
  bib_num: 'Bib',
  registration_id: 'Reg. id',
  clock_time: 'Clock time',
  chip_time: 'Chip time',
  place: 'Place',
  tally_value: 'Tally',
  elevation_gain_in_mm: 'Elevation (mm)',
  syncState: 'Sync',
};

/** "bib_num" -> "Bib"; a split's field -> "Split 12" (the caller may know its name); an unknown name as it is; null (the whole row) -> "Row". */
export function fieldTitle(field: string | null): string {
  if (field === null) return 'Row';
  const title = titles[field];
  if (title !== undefined) return title;
  const splitId = splitIdOf(field);
  return splitId === null ? field : `Split ${splitId}`;
}
