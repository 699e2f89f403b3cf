// Race-day usability in Chromium against browser mode and the fake RunSignup server: a first run
// that asks a timer only to sign in, an offline start that says what to do next, a file dropped
// on the import area, "What will be sent" as a readable table, a retry that skips a row RunSignup
// would refuse again, a delete of a row RunSignup holds asked first, messages that stay with their
// event, results kept on this laptop before the race is downloaded, and the connection in words
// while RunSignup is slow, gone, and back, and while an upload's request hangs.
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeRunSignup } from '../fake-runsignup';
import { demo } from '../fake-runsignup/testing';
import { axeClean, onFakeRunSignup, openEventOffline } from './browserMode';
import { typeAt } from './gridKeys';

test.use({ viewport: { width: 1366, height: 768 } });

const running = onFakeRunSignup();

test('the first run asks a timer only to sign in, and working offline says what comes next', async ({ page }, testInfo) => {
  await page.goto(running.app.url);
  const firstRun = page.getByRole('region', { name: 'Connect to RunSignup' });
  await expect(firstRun).toBeVisible();
  // RSU Timer brings its own OAuth client id: the timer is not asked for one.
  await expect(page.getByLabel('Sign-in method')).toHaveValue('oauth');
  await expect(page.getByLabel('Sign-in method').locator('option').first()).toHaveText('Sign in with your RunSignup account');
  await expect(page.getByLabel('OAuth client ID')).toBeHidden();
  await expect(firstRun.getByText(/Sign in with your RunSignup account: Anyone with a RunSignup login/)).toBeVisible();
  await expect(firstRun.getByText(/API key and secret: Race directors and timing companies/)).toBeVisible();
  await axeClean(page, 'first run');
  await page.screenshot({ path: testInfo.outputPath('first-run.png') });

  // Later: the Results screen says what the next step is, and what works offline meanwhile.
  await page.getByRole('button', { name: 'Set up later and work offline' }).click();
  await expect(page.getByTestId('no-race-yet')).toContainText('No race on this laptop yet');
  await expect(page.getByTestId('no-race-yet')).toContainText('Download race');
  await expect(page.getByTestId('no-race-yet')).toContainText('Connect to RunSignup…');
  await expect(page.getByRole('button', { name: 'Connect to RunSignup…' })).toBeVisible();
  await axeClean(page, 'offline start');
  await page.screenshot({ path: testInfo.outputPath('offline-start.png') });

  // No connection at all: the results go into an event kept on this laptop, to import and correct now.
  const start = page.getByRole('form', { name: 'Start without the race' });
  await start.getByLabel('Event name').fill('5K');
  await start.getByRole('button', { name: 'Start without the race' }).click();
  await expect(page.getByLabel('Race', { exact: true }).locator('option:checked')).toHaveText('Not on RunSignup yet (this laptop)');
  await expect(page.getByRole('columnheader', { name: 'Chip time' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('Results file (CSV or TSV)').setInputFiles({
    name: 'finish.csv', mimeType: 'text/csv', buffer: Buffer.from('Place,Bib,Gun Time,Chip Time\n1,142,0:19:02.4,0:19:01.0\n2,141,0:19:40.0,0:19:38.2\n'),
  });
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(page.getByTestId('summary-rows')).toHaveText('2');
  await typeAt(page, 1, 5, '0:19:38.0'); // a chip time corrected by hand
  const local = page.getByTestId('local-event-panel');
  await expect(local).toContainText('not tied to a RunSignup event yet');
  await expect(local).toContainText('No race is downloaded yet');
  await expect(page.getByRole('button', { name: /^Upload/ })).toHaveCount(0);
  await axeClean(page, 'event kept on this laptop');
  await page.screenshot({ path: testInfo.outputPath('laptop-only-event.png') });

  // The race downloaded later: the rows move into its event, matched to its runners by bib.
  await page.getByLabel('Race id').fill(String(demo.raceId));
  await page.getByRole('button', { name: 'Download race' }).click();
  await expect(page.getByText(/Downloaded Riverbend Spring Classic/)).toBeVisible();
  await page.getByLabel('Race', { exact: true }).selectOption({ label: 'Not on RunSignup yet (this laptop)' });
  await page.getByLabel('Event', { exact: true }).selectOption({ label: '5K (in person)' });
  await local.getByLabel('Move to event').selectOption({ label: 'Riverbend Spring Classic: 5K Road Race (in person)' });
  await local.getByRole('button', { name: 'Move 2 rows' }).click();
  await expect(page.getByTestId('save-state')).toContainText('Moved 2 rows to 5K Road Race');
  await expect(page.getByLabel('Event', { exact: true }).locator('option:checked')).toHaveText('5K Road Race (in person)');
  await expect(page.getByRole('gridcell', { name: 'Priya Ivanova' })).toHaveCount(1);
  await expect(page.getByRole('gridcell', { name: 'Omar Brennan' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Upload 2 changes' })).toBeVisible();
  await expect(page.getByLabel('Race', { exact: true }).locator('option')).toHaveText(['choose a race', 'Riverbend Spring Classic (101234)']);
});

test('race day: drop a file, read what will be sent, retry, correct after an upload, and follow the connection', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await openEventOffline(page, running.app, 'Virtual 5K');
  await expect(page.getByTestId('no-race-yet')).toHaveCount(0);

  // A file dragged over the import area lights it up; dropped, its name shows.
  await page.getByRole('button', { name: 'Import…' }).click();
  const dropZone = page.getByTestId('drop-zone');
  const csv = await readFile(join(import.meta.dirname, '../fixtures/csv/results-story.csv'), 'utf8');
  const dataTransfer = await page.evaluateHandle((text) => {
    const dom = globalThis as unknown as { DataTransfer: new () => { items: { add(file: unknown): void } }; File: new (parts: string[], name: string, options: object) => unknown };
    const transfer = new dom.DataTransfer();
    transfer.items.add(new dom.File([text], 'results-story.csv', { type: 'text/csv' }));
    return transfer;
  }, csv);
  await dropZone.dispatchEvent('dragenter', { dataTransfer });
  await expect(dropZone).toHaveClass(/is-dragging/);
  await expect(page.getByTestId('drop-file')).toHaveText('Let go to import this file');
  await dropZone.dispatchEvent('drop', { dataTransfer });
  await expect(dropZone).not.toHaveClass(/is-dragging/);
  await expect(page.getByTestId('drop-file')).toHaveText('File: results-story.csv');
  // Problems in the grid's words (Bib, Clock time), not the API's.
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('Row 4, Bib: bib 999 is not a participant of this event');
  await expect(problems).toContainText('Row 6, Clock time: the clock time is missing');
  await expect(problems).not.toContainText('bib_num');
  await page.getByRole('button', { name: 'Import 9 rows' }).click();
  await expect(page.getByTestId('save-state')).toContainText('Imported 9 new');

  // RunSignup gave bib 124's runner another bib since the download: only RunSignup can refuse it.
  const xavier = running.server.state.seed.races[0]!.participants.find((p) => p.event_id === demo.virtualEventId && p.bib_num === '124')!;
  running.server.state.changeParticipant(xavier.registration_id, { bib_num: '8124' }, 1_900_000_000);

  // What will be sent: a table a timer reads, and the Upload button stays on screen.
  await page.getByText(/What will be sent \(/).click();
  const sendPreview = page.getByRole('region', { name: 'Rows that will be sent' });
  await expect(sendPreview.getByRole('columnheader')).toHaveText(['Bib', 'Name', 'Clock time as sent', 'What changes']);
  await expect(sendPreview.locator('tr', { hasText: '00:20:01.2' })).toContainText(/121.*New result/);
  await expect(sendPreview.locator('tr', { hasText: '999' })).toContainText('Held back: Bib: bib 999 is unknown');
  await expect(sendPreview).not.toContainText('bib_num');
  const uploadButton = page.getByRole('button', { name: /^Upload \d+ changes?$/ });
  // The table scrolls in its own box: scrolled to it, the Upload button is still on screen.
  await sendPreview.scrollIntoViewIfNeeded();
  await expect(sendPreview).toBeInViewport();
  await expect(uploadButton).toBeInViewport();
  await axeClean(page, 'send preview');
  await shot('send-preview');
  await page.getByText(/What will be sent \(/).click();

  // Upload: 124 is refused; the report looks like an error. Retry skips it and says why.
  await uploadButton.click();
  const report = page.getByTestId('upload-report');
  await expect(report).toContainText('refused by RunSignup', { timeout: 20_000 });
  await expect(report.locator('p.error').first()).toBeVisible();
  await page.getByRole('button', { name: 'Retry failed rows' }).click();
  await expect(page.getByTestId('upload-skipped')).toContainText('Skipped bib 124: ', { timeout: 20_000 });
  await expect(report).toContainText('they have not changed since, so they would be refused again');
  await expect(page.getByRole('button', { name: 'Cancel upload' })).toBeDisabled();

  // Deleting a row RunSignup holds asks first, and says the virtual upload cannot remove it.
  await page.getByRole('grid', { name: 'Results grid' }).focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Shift+Space');
  const bar = page.getByRole('toolbar', { name: 'Bulk actions on the picked rows' });
  await expect(bar).toContainText('1 row picked');
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await bar.getByRole('button', { name: 'Delete rows' }).click();
  await expect(page.getByTestId('save-state')).toContainText('Nothing changed');
  expect(asked).toMatch(/^Delete 1 row here\? It is on RunSignup \(bib 121\)\. RunSignup’s virtual upload cannot remove a result: it stays on RunSignup until you remove it on the race’s results page on RunSignup\.$/);
  await expect(page.getByTestId('summary-rows')).toHaveText('9');

  // Messages belong to their event: another event shows none of this one's report.
  await page.getByLabel('Event', { exact: true }).selectOption({ label: 'Virtual 10K Hill Climb' });
  await expect(page.getByTestId('upload-pending')).toHaveText('0');
  await expect(report).toHaveCount(0);
  await page.getByLabel('Event', { exact: true }).selectOption({ label: 'Virtual 5K' });
  await expect(report).toContainText('Skipped');

  // RunSignup slow to answer: the panel and the header count the wait, from one state.
  running.server.faults.next({ kind: 'delay', ms: 7_000 }, { route: 'race' });
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByTestId('online-status')).toHaveText(/^Waiting for RunSignup, [4-9] s$/, { timeout: 10_000 });
  await expect(page.getByTestId('header-connection')).toHaveText(/^Waiting for RunSignup, \d s$/);
  await axeClean(page, 'connection waiting');
  await shot('connection-waiting');
  await expect(page.getByTestId('online-status')).toHaveText('● Online', { timeout: 15_000 });

  // An upload whose request hangs: the wait is counted while it hangs, not only at its timeout.
  await typeAt(page, 0, 3, '0:21:30.0');
  running.server.faults.next({ kind: 'delay', ms: 6_000 }, { route: 'user-results' });
  await page.getByRole('button', { name: 'Upload 1 change' }).click();
  await expect(page.getByTestId('online-status')).toHaveText(/^Waiting for RunSignup, [2-5] s$/, { timeout: 6_000 });
  await expect(page.getByTestId('header-connection')).toHaveText(/^Waiting for RunSignup, \d s$/);
  await expect(page.locator('.upload-panel .progress')).toContainText('0 of 1 rows');
  await shot('upload-waiting');
  await expect(report).toContainText('Uploaded 1 row(s).', { timeout: 20_000 });
  await expect(page.getByTestId('online-status')).toHaveText('● Online');

  // RunSignup gone: why it stopped, and what happens next; the header says the same.
  const port = Number(new URL(running.server.url).port);
  await running.server.close();
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByTestId('online-status')).toContainText('Offline', { timeout: 10_000 });
  const detail = page.getByTestId('connection-detail');
  await expect(detail).toContainText(/^Why: .+ Next: RSU Timer tries again at .+, or at the next upload or Check connection\.$/);
  await expect(detail).toHaveClass(/error/);
  await expect(page.getByTestId('header-connection')).toContainText('Offline');
  await axeClean(page, 'connection offline');
  await shot('connection-offline');

  // Back: it says so.
  running.server = await startFakeRunSignup({ port });
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByTestId('online-status')).toHaveText('● Online', { timeout: 10_000 });
  await expect(detail).toHaveText('RunSignup answers again: uploads can go.');
  await expect(page.getByTestId('header-connection')).toHaveText('● Online');
});
