// The series story in Chromium against browser mode (real core, real SQLite) and the fake
// RunSignup server: results in, the series lookups refreshed and the scoring set picked from
// them, series points computed, one row corrected, upload, one participant id refused and
// shown, fixed, uploaded again; the set opens again after a reload, with its pickers filled from
// the cache. Each row shows the runner's bib, name and event result beside the points; the
// upload says it replaces the whole set and asks first.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { join } from 'node:path';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { demo } from '../fake-runsignup/testing';
import { axeClean, type RunningApp, startBrowserMode } from './browserMode';
import { typeAt } from './gridKeys';

let server: FakeRunSignup;
let app: RunningApp;

test.beforeAll(async () => {
  server = await startFakeRunSignup();
  const key = server.state.seed.credentials.api_keys[0]!;
  app = await startBrowserMode({
    RSU_DEMO_BASE_URL: server.url,
    RSU_DEMO_API_KEY: key.api_key,
    RSU_DEMO_API_SECRET: key.api_secret,
    // Series scores take OAuth only: a token from the fake, as a signed-in profile would hold.
    RSU_DEMO_OAUTH_TOKEN: server.oauth.issueForTest().accessToken,
  });
});
test.afterAll(async () => {
  await app?.stop();
  await server?.close();
});

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/csv', name);
const cell = (page: Page, row: number, col: number) => page.locator(`[aria-label="Series grid"] [data-row="${row}"] [data-col="${col}"]`);
const stored = () => server.state.seriesResults({ seriesId: demo.seriesId, seriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: demo.virtualEventId, scoringTypeId: demo.overallScoringTypeId });

test('a timer computes series points from results, corrects one, uploads, fixes a refused id and uploads again', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(app.url);
  // No profile yet: this story uses the RSU_DEMO_* stand-in clients.
  await page.getByRole('button', { name: 'Set up later and work offline' }).click();

  // The event's results: download the race, import six finishes (one DNF).
  await page.getByLabel('Race id').fill(String(demo.raceId));
  await page.getByRole('button', { name: 'Download race' }).click();
  await expect(page.getByText(/Downloaded Riverbend Spring Classic/)).toBeVisible();
  await page.getByLabel('Event', { exact: true }).selectOption({ label: 'Virtual 5K' });
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('Results file (CSV or TSV)').setInputFiles(fixture('series-story-results.csv'));
  await page.getByRole('button', { name: 'Import 6 rows' }).click();
  await expect(page.getByTestId('save-state')).toContainText('Imported 6 new');

  // The series workspace. Nothing is cached yet, so the series is typed in by id and refreshed
  // from RunSignup; then the year, race and event, and scoring type come from the pickers.
  await page.getByRole('tab', { name: 'Series' }).click();
  const picker = page.getByRole('form', { name: 'Scoring set' });
  // Nothing cached and no set opened before: the id boxes say what to do first.
  await expect(page.getByTestId('series-picker-hint')).toContainText('No series saved on this laptop yet: type the series id');
  await picker.getByLabel('Series id', { exact: true }).fill(String(demo.seriesId));
  await expect(page.getByTestId('series-picker-hint')).toHaveCount(0);
  await page.getByRole('button', { name: 'Refresh from RunSignup' }).click();
  await expect(page.getByTestId('series-refresh-status')).toHaveText('Saved County Grand Prix: 2 year(s), 3 scoring type(s); 2026: 40 of 50 registration(s) looked up are series participants. 3 registration(s) have possible matches to choose from (Runners to check).');
  await expect(picker.getByRole('combobox', { name: 'Series', exact: true })).toHaveValue(String(demo.seriesId));
  await expect(picker.getByLabel('Series id', { exact: true })).toHaveCount(0);
  await picker.getByRole('combobox', { name: 'Series year', exact: true }).selectOption({ label: `2026 (${demo.seriesYearId})` });
  await picker.getByRole('combobox', { name: 'Race and event', exact: true }).selectOption({ label: `Riverbend Spring Classic – Virtual 5K (${demo.virtualEventId})` });
  // Any field still takes a typed id (a type RunSignup's lists do not show, say).
  await picker.getByRole('combobox', { name: 'Scoring type', exact: true }).selectOption({ label: 'Type the id…' });
  await expect(picker.getByLabel('Scoring type id', { exact: true })).toBeVisible();
  await picker.getByRole('combobox', { name: 'Scoring type', exact: true }).selectOption({ label: `Overall (${demo.overallScoringTypeId})` });
  await expect(picker.getByLabel('Scoring type id', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Open scoring set' }).click();
  await expect(page.getByTestId('series-participants')).toHaveText('40 series participants saved');
  // No rows yet: nothing to upload, and the button says so by being off.
  await expect(page.getByTestId('series-counts')).toHaveText('0 rows: 0 pending, 0 refused');
  await expect(page.getByRole('button', { name: 'Upload scoring set' })).toBeDisabled();
  await expect(page.getByTestId('series-upload-empty')).toHaveText('No rows to upload: compute the points or import scores first.');
  // The director's file, loaded after the refresh, is the list used: the one saved last wins.
  await page.getByLabel('Series participant list (CSV)').setInputFiles(fixture('series-story-participants.csv'));
  await expect(page.getByTestId('series-participants')).toHaveText('5 series participants saved');
  await expect(page.getByText(/from a file, .* \(the list saved last is used\)/)).toBeVisible();

  // Compute with 100/90/80: 122 first, 121 second, 123 and 124 tie for third; the DNF scores
  // nothing and bib 126 is not in the series list, so it is shown, not scored.
  await page.getByLabel('Points table').selectOption('hundred-by-ten');
  await page.getByRole('button', { name: 'Compute points' }).click();
  await expect(page.getByTestId('series-status')).toContainText('Computed 4 score(s)');
  await expect(page.getByTestId('unmapped')).toContainText('Bib 126: registration 7100026 is not in the saved series participant list');
  const column = async (col: number) => Promise.all([0, 1, 2, 3].map((row) => cell(page, row, col).innerText()));
  expect(await column(0)).toEqual(['900022', '900021', '900023', '990024']);
  // Who each row is, beside the points: bib, name and the time in this event's results.
  expect(await column(1)).toEqual(['122', '121', '123', '124']);
  expect(await column(2)).toEqual(['Victor Thompson', 'Uma Larsen', 'Wen Kowalski', 'Xavier Castillo']);
  expect(await column(3)).toEqual(['00:19:30.0', '00:20:01.2', '00:21:00.0', '00:21:00.0']);
  expect(await column(4)).toEqual(['100', '90', '80', '80']);
  expect(await column(5)).toEqual(['1', '2', '3', '3']);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await shot('1-computed');

  // Correct one row with the keyboard: the runner in second gets 95.
  await typeAt(page, 1, 4, '95', 'Series grid');
  await expect(cell(page, 1, 4)).toHaveText('95');
  await expect(page.getByTestId('series-status')).toContainText('Saved');

  // Upload asks first: it says how many rows go up and that the whole set on RunSignup is
  // replaced. Cancel sends nothing.
  await page.getByRole('button', { name: 'Upload scoring set' }).click();
  const confirm = page.getByTestId('series-upload-confirm');
  await expect(confirm).toContainText('Replace this scoring set on RunSignup with the 4 rows here?');
  await expect(confirm).toContainText('The upload replaces the whole set (clear_previous_results=T)');
  await expect(confirm.getByRole('button', { name: 'Replace the set on RunSignup (4 rows)' })).toBeFocused();
  await axeClean(page, 'Series, upload confirmation');
  await shot('1b-upload-confirm');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  expect(server.state.applications.filter((a) => a.endpoint === 'race-series-results')).toEqual([]);

  // Upload: RunSignup refuses 990024 (not a participant of the series year).
  await page.getByRole('button', { name: 'Upload scoring set' }).click();
  await confirm.getByRole('button', { name: 'Replace the set on RunSignup (4 rows)' }).click();
  const report = page.getByTestId('series-upload-report');
  await expect(report).toContainText('RunSignup refused 1', { timeout: 20_000 });
  await expect(report).toContainText('990024: RunSignup did not accept series participant 990024');
  await expect(page.getByTestId('series-counts')).toHaveText('4 rows: 0 pending, 1 refused');
  expect(stored().map((r) => [r.seriesParticipantId, r.seriesPoints])).toEqual([[900021, 95], [900022, 100], [900023, 80]]);
  await shot('2-refused');

  // Fix the id in the grid and upload the set again: all four are on RunSignup.
  await typeAt(page, 3, 0, '900024', 'Series grid');
  await expect(cell(page, 3, 0)).toHaveText('900024');
  await page.getByRole('button', { name: 'Upload scoring set' }).click();
  await confirm.getByRole('button', { name: 'Replace the set on RunSignup (4 rows)' }).click();
  await expect(report).toContainText('Uploaded 4 row(s)', { timeout: 20_000 });
  await expect(page.getByTestId('series-counts')).toHaveText('4 rows: 0 pending, 0 refused');
  expect(stored().map((r) => [r.seriesParticipantId, r.seriesPoints, r.position])).toEqual([[900021, 95, 2], [900022, 100, 1], [900023, 80, 3], [900024, 80, 3]]);
  const requests = server.state.applications.filter((a) => a.endpoint === 'race-series-results');
  expect(requests.map((a) => a.clearPreviousResults)).toEqual([true, true]);
  await shot('3-uploaded');

  // Next time the app opens, the Series tab opens the same scoring set by itself.
  await page.reload();
  // No profile is saved in this run, so the first-run screen comes back; wait for it rather than
  // peek (isVisible does not wait, and under load it looked before the screen was drawn).
  await page.getByRole('button', { name: 'Set up later and work offline' }).click();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('tab', { name: 'Series' }).click();
  await expect(page.getByTestId('series-counts')).toHaveText('4 rows: 0 pending, 0 refused');
  // The pickers are filled from the cache, not five empty id boxes.
  await expect(picker.getByRole('combobox', { name: 'Series', exact: true })).toHaveValue(String(demo.seriesId));
  await expect(picker.getByRole('combobox', { name: 'Series year', exact: true })).toHaveValue(String(demo.seriesYearId));
  await expect(picker.getByRole('combobox', { name: 'Race and event', exact: true })).toHaveValue(`${demo.raceId}:${demo.virtualEventId}`);
  await expect(picker.getByRole('combobox', { name: 'Scoring type', exact: true })).toHaveValue(String(demo.overallScoringTypeId));
  await expect(picker.getByRole('textbox')).toHaveCount(0);
  await expect(cell(page, 0, 2)).toHaveText('Victor Thompson');
  // The whole page, header and its connection badge included.
  await axeClean(page, 'Series on open');
  // A fixed place (as grid-surface.spec.ts does), whatever --output says: the screen on open.
  await page.screenshot({ path: join(import.meta.dirname, '../../test-results/e2e/series-screen/on-open-1366x768.png') });
});

// RunSignup's participant lookup matches some runners of the 5K Road Race only possibly: two are
// resolved by picking (one with the keyboard), one exact-looking match is accepted, one runner is
// added to the series, and the points computed through those choices go up. The timer here is
// also the series' director (only a director may add runners).
test.describe('runners the series lookup could not match for certain', () => {
  let lookupServer: FakeRunSignup;
  let lookupApp: RunningApp;
  const roadRace = 400003;

  test.beforeAll(async () => {
    lookupServer = await startFakeRunSignup();
    const key = lookupServer.state.seed.credentials.api_keys[0]!;
    lookupApp = await startBrowserMode({
      RSU_DEMO_BASE_URL: lookupServer.url,
      RSU_DEMO_API_KEY: key.api_key,
      RSU_DEMO_API_SECRET: key.api_secret,
      RSU_DEMO_OAUTH_TOKEN: lookupServer.oauth.issueForTest(5003).accessToken,
    });
  });
  test.afterAll(async () => {
    await lookupApp?.stop();
    await lookupServer?.close();
  });

  test('a timer refreshes the lookups, picks two possible matches, adds a runner to the series and uploads points', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
    await page.goto(lookupApp.url);
    await page.getByRole('button', { name: 'Set up later and work offline' }).click();

    // The road race's finishers: Priya, Omar, Sofia, Reid and Theo (Theo is in no series list).
    await page.getByLabel('Race id').fill(String(demo.raceId));
    await page.getByRole('button', { name: 'Download race' }).click();
    await expect(page.getByText(/Downloaded Riverbend Spring Classic/)).toBeVisible();
    await page.getByLabel('Event', { exact: true }).selectOption({ label: '5K Road Race (in person)' });
    await page.getByRole('button', { name: 'Import…' }).click();
    const finish = ['Place,Bib,Gun Time,Chip Time', '1,142,0:18:00.0,0:17:58.0', '2,141,0:19:00.0,0:18:57.0', '3,144,0:20:00.0,0:19:55.0', '4,143,0:21:00.0,0:20:50.0', '5,145,0:22:00.0,0:21:40.0'].join('\n');
    await page.getByLabel('Results file (CSV or TSV)').setInputFiles({ name: 'road.csv', mimeType: 'text/csv', buffer: Buffer.from(finish) });
    await page.getByRole('button', { name: 'Import 5 rows' }).click();
    await expect(page.getByTestId('save-state')).toContainText('Imported 5 new');

    // Refresh: three runners come back with possible matches instead of an id.
    await page.getByRole('tab', { name: 'Series' }).click();
    const picker = page.getByRole('form', { name: 'Scoring set' });
    await picker.getByLabel('Series id', { exact: true }).fill(String(demo.seriesId));
    await page.getByRole('button', { name: 'Refresh from RunSignup' }).click();
    await expect(page.getByTestId('series-refresh-status')).toContainText('3 registration(s) have possible matches to choose from (Runners to check).');
    // Come back before any set was opened: the one series cached and its newest year are filled in.
    await page.reload();
    await page.getByRole('button', { name: 'Set up later and work offline' }).click();
    await page.getByRole('tab', { name: 'Series' }).click();
    await expect(picker.getByRole('combobox', { name: 'Series', exact: true })).toHaveValue(String(demo.seriesId));
    await expect(picker.getByRole('combobox', { name: 'Series year', exact: true })).toHaveValue(String(demo.seriesYearId));
    await expect(picker.getByRole('textbox')).toHaveCount(0);
    await picker.getByRole('combobox', { name: 'Series year', exact: true }).selectOption({ label: `2026 (${demo.seriesYearId})` });
    await picker.getByRole('combobox', { name: 'Race and event', exact: true }).selectOption({ label: `Riverbend Spring Classic – 5K Road Race (${roadRace})` });
    await picker.getByRole('combobox', { name: 'Scoring type', exact: true }).selectOption({ label: `Overall (${demo.overallScoringTypeId})` });
    await page.getByRole('button', { name: 'Open scoring set' }).click();

    const panel = page.getByTestId('lookup-runners');
    await expect(panel.getByRole('heading', { name: /Runners to check/ })).toBeVisible();
    await expect(page.getByTestId('lookup-counts')).toHaveText('RunSignup’s lookup for this event: 0 matched, 0 by your choice, 3 to choose, 7 not in the series.');
    const priya = page.getByTestId('lookup-runner-7100042');
    await expect(priya.getByRole('table', { name: 'Possible matches for Bib 142 Priya Ivanova' }).getByRole('row')).toHaveCount(3);
    await expect(priya.getByRole('row', { name: /900043/ }).getByRole('cell')).toHaveText(['Priya Ivanova 900043, looks exact', 'F', '56', '1969-11-20', 'Pick']);
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="lookup-runners"]').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await shot('4-runners-to-check');

    // Two picks, the first with the keyboard alone; then the one exact-looking match in bulk.
    await priya.getByRole('button', { name: 'Pick 900043 Priya Ivanova for Bib 142 Priya Ivanova' }).focus();
    await page.keyboard.press('Enter');
    await expect(priya.getByTestId('lookup-runner-state')).toHaveText('Series participant 900043 (your pick)');
    const reid = page.getByTestId('lookup-runner-7100043');
    await reid.getByRole('button', { name: 'Pick 900044 Reed Quintero for Bib 143 Reid Quintero' }).click();
    await expect(reid.getByTestId('lookup-runner-state')).toHaveText('Series participant 900044 (your pick)');
    await panel.getByRole('button', { name: 'Accept 1 exact match' }).click();
    await expect(page.getByTestId('lookup-runner-7100041').getByTestId('lookup-runner-state')).toHaveText('Series participant 900041 (exact match accepted)');

    // Sofia is not in the series: add her (RunSignup answers her new series participant id).
    const sofia = page.getByTestId('lookup-runner-7100044');
    await expect(sofia.getByTestId('lookup-runner-state')).toHaveText('Not in the series on RunSignup');
    await sofia.getByRole('button', { name: 'Add Bib 144 Sofia Okafor to the series' }).click();
    await expect(sofia.getByTestId('lookup-runner-state')).toHaveText('Series participant 900045 (added to the series)');
    await expect(page.getByTestId('series-status')).toContainText('Added 1 runner to the series on RunSignup (registration 7100044 is series participant 900045).');
    expect(lookupServer.state.seed.series[0]!.years[0]!.participants.filter((p) => p.registration_id === 7100044).map((p) => p.race_series_participant_id)).toEqual([900045]);
    await expect(page.getByTestId('lookup-counts')).toHaveText('RunSignup’s lookup for this event: 0 matched, 4 by your choice, 0 to choose, 6 not in the series.');

    // Compute through the choices: Theo (bib 145) is left out, with why.
    await page.getByLabel('Points table').selectOption('hundred-by-ten');
    await page.getByRole('button', { name: 'Compute points' }).click();
    await expect(page.getByTestId('series-status')).toContainText('Computed 4 score(s)');
    await expect(page.getByTestId('unmapped')).toContainText('Bib 145: RunSignup\'s series participant lookup says registration 7100045 is not in series 7001');
    const column = async (col: number) => Promise.all([0, 1, 2, 3].map((row) => page.locator(`[aria-label="Series grid"] [data-row="${row}"] [data-col="${col}"]`).innerText()));
    expect(await column(0)).toEqual(['900043', '900041', '900045', '900044']);
    expect(await column(2)).toEqual(['Priya Ivanova', 'Omar Brennan', 'Sofia Okafor', 'Reid Quintero']);
    expect(await column(4)).toEqual(['100', '90', '80', '70']);
    await shot('5-computed-through-choices');

    await page.getByRole('button', { name: 'Upload scoring set' }).click();
    await page.getByTestId('series-upload-confirm').getByRole('button', { name: 'Replace the set on RunSignup (4 rows)' }).click();
    await expect(page.getByTestId('series-upload-report')).toContainText('Uploaded 4 row(s)', { timeout: 20_000 });
    const held = lookupServer.state.seriesResults({ seriesId: demo.seriesId, seriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: roadRace, scoringTypeId: demo.overallScoringTypeId });
    expect(held.map((r) => [r.seriesParticipantId, r.seriesPoints, r.position])).toEqual([[900041, 90, 2], [900043, 100, 1], [900044, 70, 4], [900045, 80, 3]]);
  });
});
