// The series participant list from a CSV file (RunSignup's series participant export, or one
// the director sends): race_series_participant_id, registration_id and the name. It sits beside
// the cached participant lookup (store/series.ts: the list saved last is the one used), so
// points can be computed at a venue with no network and no lookup refreshed.
import { decodeCsvBytes, parseTable } from '../import';
import { headerKey } from '../import/columns';
import { isBlankRow } from '../import/table';
import type { SeriesParticipant } from '../store';

const headers = {
  participant: ['raceseriesparticipantid', 'seriesparticipantid', 'participantid'],
  registration: ['registrationid', 'regid', 'registration'],
  first: ['firstname', 'first'],
  last: ['lastname', 'last', 'surname'],
};

export function readSeriesParticipants(bytes: Uint8Array, raceSeriesId: number, raceSeriesYearId: number): { participants: SeriesParticipant[]; problems: string[] } {
  const table = parseTable(decodeCsvBytes(bytes).text);
  const headerIndex = table.rows.findIndex((row) => row.some((cell) => headers.participant.includes(headerKey(cell))));
  if (headerIndex < 0) return { participants: [], problems: ['No column named race_series_participant_id: add a header line such as "race_series_participant_id,registration_id,first_name,last_name".'] };
  const keys = table.rows[headerIndex]!.map(headerKey);
  const col = (names: string[]) => keys.findIndex((k) => names.includes(k));
  const [p, r, f, l] = [col(headers.participant), col(headers.registration), col(headers.first), col(headers.last)];
  const participants: SeriesParticipant[] = [];
  const problems: string[] = [];
  for (let i = headerIndex + 1; i < table.rows.length; i++) {
    const cells = table.rows[i]!;
    if (isBlankRow(cells)) continue;
    const text = (index: number) => (index < 0 ? '' : (cells[index] ?? '').trim());
    const line = table.lines[i]!;
    if (!/^[1-9]\d*$/.test(text(p))) {
      problems.push(`Row ${line}, race_series_participant_id: '${text(p)}' is not a positive whole number. Fix: copy the id from the series participant list.`);
      continue;
    }
    const registration = text(r);
    if (registration !== '' && !/^[1-9]\d*$/.test(registration)) {
      problems.push(`Row ${line}, registration_id: '${registration}' is not a positive whole number. Fix: copy it from RunSignup, or leave it empty.`);
      continue;
    }
    participants.push({
      raceSeriesParticipantId: Number(text(p)), raceSeriesId, raceSeriesYearId,
      registrationId: registration === '' ? null : Number(registration), firstName: text(f) || null, lastName: text(l) || null,
    });
  }
  return { participants, problems };
}
