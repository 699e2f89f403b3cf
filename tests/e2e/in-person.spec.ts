// An in-person (regular) event in Chromium against browser mode and the fake RunSignup server:
// import a finish file with gun and chip times, places and a duplicated bib; the event has two
// result sets on RunSignup, so Upload waits for the timer to pick one; compare with what the set
// holds, upload only the difference, edit a chip time and send just that, then a split (Final has
// a 5K and an 8K split, a column each), take the results only RunSignup holds into the grid, and
// clear the set after a confirmation that names the count.
import { expect, type Page, test } from '@playwright/test';
import { demo } from '../fake-runsignup/testing';
import { axeClean, onFakeRunSignup, openEventOffline } from './browserMode';
import { typeAt } from './gridKeys';

// "10K Road Race" (400004) has the sets "Preliminary" (60021) and "Final" (60022, 4 results);
// "5K Road Race" (400003) has none.
const final = 60022;

test.use({ viewport: { width: 1366, height: 768 } });

const running = onFakeRunSignup();

const cell = (page: Page, row: number, col: number) => page.locator(`[data-row="${row}"] [data-col="${col}"]`);
// The in-person grid's columns; Final's splits come after the chip time.
const col = { bib: 0, name: 2, place: 3, clock: 4, chip: 5, fiveK: 6 } as const;

async function openRace(page: Page, eventLabel: string) {
  await openEventOffline(page, running.app, eventLabel);
  await expect(page.getByTestId('online-status')).toContainText('Online', { timeout: 10_000 });
}

// The four counts read in one go, so a passing check never mixes two compares' answers.
async function expectCounts(page: Page, counts: { new: number; changed: number; same: number; remote_only: number }) {
  const read = () => page.getByLabel('Compare counts').evaluate((list) => {
    const count = (kind: string) => Number(list.querySelector(`[data-testid="compare-${kind}"]`)?.textContent);
    return { new: count('new'), changed: count('changed'), same: count('same'), remote_only: count('remote_only') };
  });
  await expect.poll(read, { timeout: 15_000 }).toEqual(counts);
}

// Place, bib, gun time, chip time: 1004 as Final holds it, 1003 with another chip time, five new
// runners (1001 timed to the thousandth), and bib 1006 twice (the second is really 1008).
const finishFile = [
  'Place,Bib,Gun Time,Chip Time',
  '1,1004,0:34:12.4,0:34:10.9',
  '3,1003,0:36:05.7,0:36:00.8',
  '5,1001,0:38:01.123,0:37:55.4',
  '6,1002,0:39:12.0,0:39:02.5',
  '7,1005,0:40:20.5,0:40:11.0',
  '8,1006,0:41:30.2,0:41:10.2',
  '9,1006,0:42:00.0,0:41:40.0',
  '10,1007,0:43:15.8,0:43:01.6',
].join('\n');

test('a timer uploads an in-person event to the result set they choose, comparing with RunSignup first', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  const held = () => running.server.state.inPersonResults(final);
  const heldBib = (bib: string) => held().find((r) => r.bibNum === bib);
  await openRace(page, '10K Road Race (in person)');

  // The in-person grid: place, clock and chip time; no tally or elevation.
  const headers = page.getByRole('columnheader');
  await expect(headers.filter({ hasText: 'Chip time' })).toHaveCount(1);
  await expect(headers.filter({ hasText: 'Place' })).toHaveCount(1);
  await expect(headers.filter({ hasText: 'Tally' })).toHaveCount(0);
  await expect(headers.filter({ hasText: 'Elevation' })).toHaveCount(0);

  // Import: every row goes in; both rows of the duplicated bib are flagged.
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('Results file (CSV or TSV)').setInputFiles({ name: 'finish.csv', mimeType: 'text/csv', buffer: Buffer.from(finishFile) });
  await expect(page.getByLabel('Chip time', { exact: true }).locator('option:checked')).toHaveText(/Chip Time/);
  await expect(page.getByLabel('Place', { exact: true }).locator('option:checked')).toHaveText(/Place/);
  await expect(page.getByTestId('import-problems')).toContainText('bib 1006 is also on line');
  await axeClean(page, 'in-person import');
  await page.getByRole('button', { name: 'Import 8 rows' }).click();
  await expect(page.getByTestId('save-state')).toContainText('Imported 8 new');
  await expect(page.getByTestId('summary-rows')).toHaveText('8');
  await expect(page.getByTestId('summary-problems')).toHaveText('2');
  await expect(cell(page, 2, col.clock)).toHaveText('00:38:01.2'); // shown at tenths, rounded up; typed as 0:38:01.123
  await expect(cell(page, 2, col.name)).toHaveText('Hannah Whitfield');
  await expect(cell(page, 2, col.place)).toHaveText('5');

  // Two sets on RunSignup and none chosen: the app does not guess, Upload waits.
  const target = page.getByTestId('result-set-target');
  await expect(target).toContainText('This event has 2 result sets on RunSignup. Choose the one these results go to');
  await expect(page.getByRole('button', { name: 'Upload 6 changes' })).toBeDisabled();
  await expect(page.getByTestId('upload-waiting')).toHaveText('2 pending rows have problems and are held back until fixed (Problems only shows them).');
  await expect(page.getByRole('button', { name: 'Compare with RunSignup' })).toBeDisabled();
  await axeClean(page, 'result set choice');
  await shot('in-person-set-choice');
  await page.getByLabel('Send results to').selectOption({ label: 'Final' });
  await expect(target).toHaveText('Results go to: Final');
  await expect(page.getByRole('button', { name: 'Upload 6 changes' })).toBeEnabled();
  // Final's splits: a column each, after the chip time, saying how to clear one on RunSignup.
  await expect(page.getByRole('columnheader', { name: '5K', exact: true })).toHaveAttribute('title', /Type X to clear it on RunSignup/);
  await expect(page.getByRole('columnheader', { name: '8K', exact: true })).toHaveCount(1);
  // The choice is kept: the app opens again on this event, sending to Final.
  await page.reload();
  await page.getByRole('button', { name: 'Set up later and work offline' }).click();
  await expect(target).toHaveText('Results go to: Final');

  // Compare with what Final holds: 1004 the same, 1003's chip time changed, 1010 and 1016 only there.
  await page.getByRole('button', { name: 'Compare with RunSignup' }).click();
  await expectCounts(page, { new: 6, changed: 1, same: 1, remote_only: 2 });
  const table = page.getByTestId('compare-table');
  await expect(table.locator('tr', { hasText: 'Changed here' })).toContainText('Chip time 0:36:01.3 → here 0:36:00.8');
  await expect(table.locator('tr', { hasText: 'Only on RunSignup' })).toHaveCount(2);
  // Clearing names the count and the set, and waits for a yes.
  await page.getByRole('button', { name: 'Clear the set on RunSignup…' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Clear all 4 results of Final on RunSignup?');
  await expect(page.getByRole('button', { name: 'Keep them' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await axeClean(page, 'compare');
  await shot('in-person-compare');

  // Upload: the two rows of the duplicated bib are held back; 1004 is already there as it is.
  await page.getByRole('button', { name: 'Upload 6 changes' }).click();
  const report = page.getByTestId('upload-report');
  await expect(report).toContainText('2 row(s) with problems were held back', { timeout: 20_000 });
  await expect(report).toContainText('1 row(s) were already on RunSignup as they are here.');
  await expect(page.getByRole('button', { name: 'Upload 0 changes' })).toBeDisabled();
  expect(held().map((r) => r.bibNum).sort()).toEqual(['1001', '1002', '1003', '1004', '1005', '1007', '1010', '1016']);
  expect(heldBib('1003')).toMatchObject({ resultId: 880003, place: 3 });
  expect(heldBib('1003')?.chipTime).toMatch(/^0?0:36:00\.8$/);
  expect(heldBib('1001')?.clockTime).toMatch(/^0?0:38:01\.123$/);
  // The compare pulls again after the upload: only the held-back rows are still new.
  await expectCounts(page, { new: 2, changed: 0, same: 6, remote_only: 2 });
  await expect(table.locator('tr', { hasText: '1006' })).toHaveCount(2);
  for (const row of await table.locator('tr', { hasText: '1006' }).all()) await expect(row).toContainText('held back until its problem is fixed');
  await axeClean(page, 'after upload');
  await shot('in-person-after-upload');

  // Fix the duplicate (the second 1006 is 1008) and send the two rows.
  await typeAt(page, 6, col.bib, '1008');
  await expect(page.getByTestId('summary-problems')).toHaveText('0');
  await page.getByRole('button', { name: 'Upload 2 changes' }).click();
  await expect(report).toContainText('Uploaded 2 row(s).', { timeout: 20_000 });
  await expectCounts(page, { new: 0, changed: 0, same: 8, remote_only: 2 });

  // One chip time corrected: the compare shows it, and the upload sends that row only.
  await typeAt(page, 0, col.chip, '0:34:10.5');
  await expectCounts(page, { new: 0, changed: 1, same: 7, remote_only: 2 });
  await expect(table.locator('tr', { hasText: 'Changed here' })).toContainText('Chip time 0:34:10.9 → here 0:34:10.5');
  const postsBefore = running.server.state.applications.filter((a) => a.endpoint === 'full-results').length;
  await page.getByRole('button', { name: 'Upload 1 change' }).click();
  await expect(report).toContainText('Uploaded 1 row(s).', { timeout: 20_000 });
  await expectCounts(page, { new: 0, changed: 0, same: 8, remote_only: 2 });
  const posts = running.server.state.applications.filter((a) => a.endpoint === 'full-results').slice(postsBefore);
  expect(posts).toEqual([expect.objectContaining({ added: [], updated: [880001] })]);
  expect(heldBib('1004')?.chipTime).toMatch(/^0?0:34:10\.5$/);

  // A 5K split: sent with the row's result id; a correction shows in the compare by the split's name.
  await typeAt(page, 0, col.fiveK, '0:20:01.0');
  await expect(cell(page, 0, col.fiveK)).toHaveText('00:20:01.0');
  await expectCounts(page, { new: 0, changed: 1, same: 7, remote_only: 2 });
  await page.getByRole('button', { name: 'Upload 1 change' }).click();
  await expect(report).toContainText('Uploaded 1 row(s).', { timeout: 20_000 });
  await expectCounts(page, { new: 0, changed: 0, same: 8, remote_only: 2 });
  expect(heldBib('1004')?.splits[70001]?.time).toMatch(/^0?0:20:01\.0$/);
  await typeAt(page, 0, col.fiveK, '0:20:00.5');
  await expectCounts(page, { new: 0, changed: 1, same: 7, remote_only: 2 });
  await expect(table.locator('tr', { hasText: 'Changed here' })).toContainText(/5K 0?0:20:01\.0 → here 0:20:00\.5/);
  await page.getByRole('button', { name: 'Upload 1 change' }).click();
  await expect(report).toContainText('Uploaded 1 row(s).', { timeout: 20_000 });
  await expectCounts(page, { new: 0, changed: 0, same: 8, remote_only: 2 });
  expect(heldBib('1004')?.splits[70001]?.time).toMatch(/^0?0:20:00\.5$/);

  // The results only RunSignup holds come into the grid, already in sync.
  await page.getByRole('button', { name: 'Take 2 into the grid' }).click();
  await expect(page.getByTestId('summary-rows')).toHaveText('10');
  await expectCounts(page, { new: 0, changed: 0, same: 10, remote_only: 0 });
  await expect(page.getByTestId('summary-pending')).toHaveText('0');
  await expect(page.getByRole('button', { name: /^Upload 0 changes$/ })).toBeDisabled();

  // Clearing the set: confirmed with its count; every row goes back to pending here.
  await page.getByRole('button', { name: 'Clear the set on RunSignup…' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Clear all 10 results of Final on RunSignup?');
  await page.getByRole('button', { name: 'Clear 10 results' }).click();
  await expect(page.getByTestId('compare-note')).toContainText('Cleared 10 result(s) on RunSignup.');
  expect(held()).toEqual([]);
  await expect(page.getByTestId('summary-pending')).toHaveText('10');
  await expectCounts(page, { new: 10, changed: 0, same: 0, remote_only: 0 });
});

test('an in-person event with no result set: a new set is made once, and a second of that name is reused', async ({ page }, testInfo) => {
  await openRace(page, '5K Road Race (in person)');
  const target = page.getByTestId('result-set-target');
  await expect(target).toContainText('No result set on RunSignup yet');

  await page.getByRole('button', { name: 'New result set…' }).click();
  const form = page.getByRole('form', { name: 'New result set' });
  await expect(form.getByRole('checkbox', { name: 'Preliminary' })).toBeChecked();
  await expect(form.getByRole('checkbox', { name: 'Public' })).toBeChecked();
  await expect(form.getByRole('checkbox', { name: 'Notifications off' })).toBeChecked();
  await form.getByLabel('Set name').fill('Final');
  await form.getByRole('checkbox', { name: 'Preliminary' }).uncheck();
  await axeClean(page, 'new result set');
  await page.screenshot({ path: testInfo.outputPath('in-person-new-set.png'), fullPage: true });
  await form.getByRole('button', { name: 'Create result set' }).click();
  await expect(target).toHaveText('Results go to: Final');
  await expect(page.getByTestId('result-set-message')).toHaveText('Made the result set Final on RunSignup; results go there.');
  const sets = () => running.server.state.resultSets(demo.roadEventId);
  expect(sets()).toEqual([expect.objectContaining({ name: 'Final', preliminary: false, public: true, disableNotifications: true })]);

  // The same name again: RunSignup would make a second set, so the app reuses the first.
  await page.getByRole('button', { name: 'New result set…' }).click();
  await page.getByLabel('Set name').fill(' final ');
  await page.getByRole('button', { name: 'Create result set' }).click();
  await expect(page.getByTestId('result-set-message')).toHaveText('A set named final already existed; results go there.');
  expect(sets()).toHaveLength(1);
});

test('place, clock and chip cells of an in-person event are checked as the timer types', async ({ page }) => {
  await openRace(page, '5K Road Race (in person)');
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('Or paste rows from a spreadsheet').fill('Place\tBib\tGun Time\tChip Time\n1\t141\t0:20:00.0\t0:19:50.0\n');
  await page.getByRole('button', { name: 'Preview pasted rows' }).click();
  await page.getByRole('button', { name: 'Import 1 row' }).click();
  await expect(page.getByTestId('summary-rows')).toHaveText('1');
  const grid = page.getByRole('grid', { name: 'Results grid' });
  const tryCell = async (column: number, text: string, problem: RegExp) => {
    await grid.focus();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type(text);
    await expect(page.locator('.grid-editor-problem')).toHaveText(problem);
    await page.keyboard.press('Escape');
  };
  await tryCell(col.place, '0', /place '0' is not a whole number of 1 or more/);
  await tryCell(col.place, '2.5', /place '2.5' is not a whole number of 1 or more/);
  await tryCell(col.chip, '0:61:00', /chip time/);
  // An empty clock time is fine in person (the chip time is there); a place is saved as a number.
  await typeAt(page, 0, col.clock, ' ');
  await expect(page.getByTestId('summary-problems')).toHaveText('0');
  await typeAt(page, 0, col.place, '4');
  await expect(cell(page, 0, col.place)).toHaveText('4');
  await expect(page.getByTestId('summary-pending')).toHaveText('1');
});
