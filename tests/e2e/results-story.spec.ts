// The timer's story in Chromium against browser mode (real core, real SQLite) and the fake
// RunSignup server: import a messy CSV (every row comes in; rows with problems are flagged and
// held back), fix problems with the keyboard, paste a block, undo and redo, lose the connection
// and keep editing, upload (the held-back rows stay back), see one row refused, fix it.
import { expect, type Page, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeRunSignup } from '../fake-runsignup';
import { demo } from '../fake-runsignup/testing';
import { axeClean, onFakeRunSignup, openEventOffline } from './browserMode';
import { pasteText, typeAt } from './gridKeys';

const running = onFakeRunSignup();

const cell = (page: Page, row: number, col: number) => page.locator(`[data-row="${row}"] [data-col="${col}"]`);

test('a timer imports, fixes, uploads while the connection comes and goes', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(running.app.url);
  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByTestId('data-dir')).toHaveText(running.app.dataDir);
  await page.keyboard.press('Escape');
  // No profile yet: this story works offline first and uploads with the RSU_DEMO_* stand-in.
  await page.getByRole('button', { name: 'Set up later and work offline' }).click();

  // Download the race while online, then pick the event from the cache.
  await page.getByLabel('Race id').fill(String(demo.raceId));
  await page.getByRole('button', { name: 'Download race' }).click();
  await expect(page.getByText(/Downloaded Riverbend Spring Classic/)).toBeVisible();
  await page.getByLabel('Event', { exact: true }).selectOption({ label: 'Virtual 5K' });

  // Import the messy file: title line, semicolons, a bad time, a formula, unknown bibs.
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('Results file (CSV or TSV)').setInputFiles(join(import.meta.dirname, '../fixtures/csv/results-story.csv'));
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('Row 4, Bib: bib 999 is not a participant of this event');
  await expect(problems).toContainText('Row 6, Clock time: the clock time is missing');
  await expect(problems).toContainText("Row 11, Bib: bib '13O' is not a whole number");
  await expect(page.getByText('7 rows imported with problems: they are shown under Problems only and held back from upload until fixed.')).toBeVisible();
  await expect(page.getByLabel('Clock time', { exact: true })).toHaveValue('2');
  await axeClean(page, 'import wizard');
  await shot('1-import-preview');
  // Every row of the file comes in, the flagged ones too.
  await page.getByRole('button', { name: 'Import 9 rows' }).click();
  await expect(page.getByTestId('save-state')).toContainText('Imported 9 new');
  await expect(page.getByTestId('save-state')).toContainText('7 with problems, held back from upload until fixed');
  await expect(page.getByTestId('summary-rows')).toHaveText('9');
  await expect(page.getByTestId('summary-problems')).toHaveText('7');
  await expect(cell(page, 1, 2)).toHaveText('unknown');

  // Five problems fixed with the keyboard only: 1222 and 13O get their real bibs, 123 its
  // missing time, 125 and 126 a real time for the bad one and the formula.
  await page.getByRole('grid', { name: 'Results grid' }).focus();
  await typeAt(page, 2, 0, '122');
  await typeAt(page, 8, 0, '130');
  await typeAt(page, 3, 3, '00:23:30.0');
  await typeAt(page, 6, 3, '00:24:10.0');
  await typeAt(page, 7, 3, '00:24:45.0');
  await expect(page.getByTestId('summary-problems')).toHaveText('2'); // 999 (a stranger) and 141 (a late entry) are left
  await expect(cell(page, 2, 2)).toHaveText('Victor Thompson');
  await expect(cell(page, 8, 2)).toHaveText('Dana Patel');
  // Problems only shows just what still needs the timer.
  await page.getByRole('checkbox', { name: 'Problems only' }).check();
  await expect(page.locator('[data-row]')).toHaveCount(2);
  await expect(cell(page, 0, 0)).toHaveText('999');
  await expect(cell(page, 1, 0)).toHaveText('141');
  await shot('2-grid-fixed');
  await page.getByRole('checkbox', { name: 'Problems only' }).uncheck();
  await expect(page.locator('[data-row]')).toHaveCount(9);

  // Paste a tally column from a spreadsheet onto the first three rows.
  await page.getByRole('grid', { name: 'Results grid' }).focus();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await pasteText(page, '1\r\n2.5\r\n3\r\n');
  await expect(cell(page, 2, 4)).toHaveText('3');
  await expect(cell(page, 1, 4)).toHaveText('2.5');

  // Undo takes the whole paste back; redo brings it again.
  await page.keyboard.press('Control+z');
  await expect(cell(page, 1, 4)).toHaveText('');
  await page.keyboard.press('Control+Shift+Z');
  await expect(cell(page, 1, 4)).toHaveText('2.5');

  // The connection goes: the timer keeps editing, and the edit is saved locally. The app checks
  // by itself at most once a minute while idle; the timer who wonders checks at once.
  const port = Number(new URL(running.server.url).port);
  await running.server.close();
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByTestId('online-status')).toContainText('Offline', { timeout: 10_000 });
  await page.getByRole('grid', { name: 'Results grid' }).focus();
  await typeAt(page, 4, 3, '00:22:06.0');
  await expect(cell(page, 4, 3)).toHaveText('00:22:06.0');
  await shot('3-offline-editing');

  // Back online. Meanwhile RunSignup gave bib 124's runner another bib: the laptop's copy of the
  // race still knows 124, so only RunSignup can refuse that row.
  running.server = await startFakeRunSignup({ port });
  const xavier = running.server.state.seed.races[0]!.participants.find((p) => p.event_id === demo.virtualEventId && p.bib_num === '124')!;
  running.server.state.changeParticipant(xavier.registration_id, { bib_num: '8124' }, 1_900_000_000);
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByTestId('online-status')).toContainText('Online', { timeout: 10_000 });
  await page.getByLabel('Create a new result set').check();
  // A new set goes up preliminary, with notifications off, unless the timer says otherwise.
  await expect(page.getByRole('checkbox', { name: 'Preliminary' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Notifications off' })).toBeChecked();
  // The preview shows what will be sent before anything is.
  await page.getByText(/What will be sent \(/).click();
  const sendPreview = page.getByRole('region', { name: 'Rows that will be sent' });
  await expect(sendPreview.locator('tr', { hasText: '00:20:01.2' })).toContainText('121');
  await expect(sendPreview.locator('tr', { hasText: '00:22:06.0' })).toContainText('124');
  await page.getByText(/What will be sent \(/).click();
  await expect(sendPreview).toBeHidden();
  // Upload: the 2 rows with problems are held back, the 7 good ones go, and RunSignup refuses 124.
  await page.getByRole('button', { name: /^Upload \d+ changes?$/ }).click();
  const report = page.getByTestId('upload-report');
  await expect(report).toContainText('refused by RunSignup', { timeout: 20_000 });
  await expect(report).toContainText('Bib 124: ');
  await expect(report).toContainText('bib number 124 is not valid');
  await expect(page.getByTestId('upload-held-back')).toHaveText('2 rows with problems were held back: fix them (Problems only) and upload again.');
  await expect(page.getByTestId('summary-failed')).toHaveText('1');
  await expect(page.getByTestId('summary-confirmed')).toHaveText('6');
  await expect(page.getByTestId('summary-pending')).toHaveText('2');
  await expect(page.locator('.upload-panel .progress')).toContainText(/7 of 7 rows, [\d.]+ rows\/s/);
  expect(running.server.state.resultSets(demo.virtualEventId).filter((set) => set.preliminary && set.disableNotifications)).toHaveLength(1);
  const allStored = () => running.server.state.resultSets(demo.virtualEventId).flatMap((set) => running.server.state.virtualResults(set.resultSetId));
  expect(allStored().map((r) => r.bibNum).sort()).toEqual(['121', '122', '123', '125', '126', '130']);
  await axeClean(page, 'results with upload report');
  await shot('4-upload-one-refused');

  // Retrying the failed row as it is would get the same answer: it is skipped, named, and stays failed.
  await page.getByRole('button', { name: 'Retry failed rows' }).click();
  await expect(page.getByTestId('upload-skipped')).toContainText('Skipped bib 124: ', { timeout: 20_000 });
  await expect(report).toContainText('Nothing was sent.');
  await expect(page.getByTestId('summary-failed')).toHaveText('1');

  // The timer downloads the race again, types the runner's new bib, and uploads: only that row
  // goes; the two rows with problems are still held back.
  // The event stays chosen: the race's new participants are read, the grid stays.
  await page.getByRole('button', { name: 'Refresh race' }).click();
  await expect(page.locator('.place-message')).toContainText('Downloaded ');
  await expect(page.getByLabel('Event', { exact: true }).locator('option:checked')).toHaveText('Virtual 5K');
  await expect(page.getByTestId('summary-failed')).toHaveText('1');
  await page.getByRole('grid', { name: 'Results grid' }).focus();
  await typeAt(page, 4, 0, '8124');
  await expect(cell(page, 4, 2)).toHaveText('Xavier Castillo');
  await page.getByRole('button', { name: /^Upload \d+ changes?$/ }).click();
  await expect(report).toContainText('Uploaded 1 row(s). 2 row(s) with problems were held back', { timeout: 20_000 });
  await expect(page.locator('.upload-panel .progress')).toContainText('1 of 1 rows');
  await expect(page.getByTestId('summary-confirmed')).toHaveText('7');
  await expect(page.getByTestId('summary-failed')).toHaveText('0');
  await expect(page.getByTestId('summary-pending')).toHaveText('2');
  expect(allStored().map((r) => r.bibNum).sort()).toEqual(['121', '122', '123', '125', '126', '130', '8124']);

  // Automatic upload: with it on, an edit goes up by itself while online (the held-back rows stay).
  await page.getByRole('checkbox', { name: 'Upload automatically when online' }).check();
  await page.getByRole('grid', { name: 'Results grid' }).focus();
  await typeAt(page, 0, 4, '7');
  await expect.poll(() => allStored().find((r) => r.bibNum === '121')?.tally, { timeout: 20_000 }).toEqual({ state: 'value', value: 7 });
  await expect(page.getByTestId('summary-pending')).toHaveText('2', { timeout: 20_000 });
  await expect(page.getByTestId('summary-confirmed')).toHaveText('7');
  await page.getByRole('checkbox', { name: 'Upload automatically when online' }).uncheck();

  // The history shows the audit trail, and undoes from there.
  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByTestId('history');
  await expect(history).toContainText('bib: 124 → 8124');
  await expect(history).toContainText('bib: 13O → 130');
  await expect(history).toContainText('Bib 121, tally: 1 → 7');
  await axeClean(page, 'history');
  await shot('5-history');
  await history.locator('> li').filter({ hasText: 'Bib 121, tally: 1 → 7' }).getByRole('button', { name: 'Undo back to here' }).click();
  await expect(cell(page, 0, 4)).toHaveText('1');
  await expect(page.getByTestId('summary-pending')).toHaveText('3');
  await expect(history.locator('> li').first()).toContainText('(undone)');

  // Export: a cell a spreadsheet would run as a formula goes out as text.
  await page.getByRole('grid', { name: 'Results grid' }).focus();
  await typeAt(page, 2, 3, '=1+2');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('Bib,Registration ID,Name,Clock time,Tally,Elevation (mm),Sync');
  expect(lines).toHaveLength(10); // every row, the held-back ones too
  expect(lines.find((line) => line.startsWith('122,'))).toContain(",'=1+2,");
  expect(lines.flatMap((line) => line.split(',')).filter((field) => /^[=+\-@]/.test(field))).toEqual([]);

  // The app opens again on the race and event the timer left.
  await page.reload();
  await page.getByRole('button', { name: 'Set up later and work offline' }).click();
  await expect(page.getByLabel('Race', { exact: true })).toHaveValue(String(demo.raceId));
  await expect(page.getByLabel('Event', { exact: true }).locator('option:checked')).toHaveText('Virtual 5K');
  await expect(page.getByTestId('summary-rows')).toHaveText('9');
});

test('the import wizard takes pasted rows or a dropped file, follows a changed mapping, and one undo takes an import back; a slow upload is cancelled', async ({ page }) => {
  await openEventOffline(page, running.app, 'Virtual 5K');
  const rowsBefore = Number(await page.getByTestId('summary-rows').textContent());

  // Pasted from a spreadsheet: the guessed clock column, then the timer points it elsewhere.
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('Or paste rows from a spreadsheet').fill('Bib\tRunner\tFinish\tNote\n160\tAnn\t00:30:00\t00:31:00\n');
  await page.getByRole('button', { name: 'Preview pasted rows' }).click();
  const sample = page.locator('.preview-table tbody tr').first();
  await expect(sample).toContainText('00:30:00');
  await expect(page.getByLabel('Clock time', { exact: true }).locator('option:checked')).toHaveText('Finish (guessed)');
  await page.getByLabel('Clock time', { exact: true }).selectOption({ label: 'Note' });
  await expect(sample).toContainText('00:31:00');
  await expect(sample).not.toContainText('00:30:00');
  await page.getByLabel('Clock time', { exact: true }).selectOption({ label: '(not in the file)' });
  await expect(page.getByTestId('import-problems')).toContainText('clock time is missing');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByTestId('summary-rows')).toHaveText(String(rowsBefore));

  // A file dropped on the wizard: previewed, imported as one step, taken back by one undo.
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.locator('.drop-zone').evaluate((zone, text) => {
    const dom = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: string[], name: string, options: object) => unknown;
      DragEvent: new (type: string, init: object) => Event;
    };
    const data = new dom.DataTransfer();
    data.items.add(new dom.File([text], 'dropped.csv', { type: 'text/csv' }));
    zone.dispatchEvent(new dom.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, 'Bib,Time\n127,00:40:00\n128,00:41:00.5\n');
  await expect(page.getByText(/^dropped\.csv: 2 rows/)).toBeVisible();
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(page.getByTestId('summary-rows')).toHaveText(String(rowsBefore + 2));

  // An upload RunSignup is slow to answer can be cancelled; what was not confirmed stays pending.
  await expect(page.getByTestId('online-status')).toContainText('Online', { timeout: 10_000 });
  running.server.faults.next({ kind: 'delay', ms: 8_000 }, { route: 'user-results' });
  await page.getByRole('button', { name: /^Upload \d+ changes?$/ }).click();
  const cancel = page.getByRole('button', { name: 'Cancel upload' });
  await expect(cancel).toBeEnabled();
  await cancel.click();
  await expect(page.getByTestId('upload-report')).toContainText('Upload cancelled', { timeout: 10_000 });
  await expect(cancel).toBeDisabled();
  expect(Number(await page.getByTestId('summary-pending').textContent())).toBeGreaterThanOrEqual(2);
  await page.getByRole('grid', { name: 'Results grid' }).focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('summary-rows')).toHaveText(String(rowsBefore));
  await expect(page.getByTestId('save-state')).toContainText('Undone');
});
