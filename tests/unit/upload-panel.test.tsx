// @vitest-environment happy-dom
// The upload panel rendered against a fake bridge (BridgeProvider): it shows what the main
// process pushes (progress, the end, the connection) and asks nothing again on a timer.
import { act, StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../shared/ipc/channels/connection';
import type { UploadPreview, UploadStatus } from '../../shared/ipc/channels/results';
import { jobKey } from '../../shared/ipc/events';
import { BridgeProvider } from '../../renderer/src/bridge';
import { UploadPanel } from '../../renderer/src/results/UploadPanel';
import { fakeBridge, renderRoot } from './fakeBridge';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const raceId = 101234;
const eventId = 400002;
const preview: UploadPreview = { eventId, pending: 3, failed: 0, confirmed: 0, sample: [], rows: [], resultSetId: 9001, resultSets: [{ resultSetId: 9001, name: 'Preliminary' }] };
const idle: UploadStatus = { eventId, state: 'idle', done: 0, total: 0, rowsPerSecond: null, secondsLeft: null, report: null };
const online: ConnectionState = { state: 'online', message: 'RunSignup answered.', at: '2026-05-01T10:00:00.000Z', checking: false };

const mounted = renderRoot();

const text = (testId: string) => mounted.container.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;
const button = (name: string | RegExp) => [...mounted.container.querySelectorAll('button')].find((b) => (typeof name === 'string' ? b.textContent === name : name.test(b.textContent ?? ''))) ?? null;

describe('the upload panel', () => {
  it('shows the progress and the end the main process pushes, without asking again', async () => {
    const fake = fakeBridge({ uploadPreview: () => preview, uploadStatus: () => idle, connectionWatch: () => online, uploadStart: () => ({ ...idle, state: 'running', total: 3 }) });
    const onFinished = vi.fn();
    await act(async () =>
      mounted.root.render(
        <StrictMode>
          <BridgeProvider bridge={fake.bridge}>
            <UploadPanel raceId={raceId} eventId={eventId} revision={0} onFinished={onFinished} />
          </BridgeProvider>
        </StrictMode>,
      ),
    );
    expect(text('online-status')).toBe('● Online');
    expect(text('upload-pending')).toBe('3');

    await act(async () => button('Upload 3 changes')!.click());
    expect(fake.calls.filter(([name]) => name === 'uploadStart')).toEqual([['uploadStart', { raceId, eventId }]]);
    expect(button('Cancel upload')!.disabled).toBe(false);

    const key = jobKey.resultsUpload(eventId);
    await fake.push({ type: 'job', kind: 'resultsUpload', key, status: { ...idle, state: 'running', done: 2, total: 3, rowsPerSecond: 4, secondsLeft: 1 } });
    expect(mounted.container.textContent).toContain('2 of 3 rows, 4.0 rows/s, about 1 s left');
    expect(text('upload-settling')).toBeNull();
    // An earlier request may still be landing: the panel says why nothing moves, and until when.
    await fake.push({ type: 'job', kind: 'resultsUpload', key, status: { ...idle, state: 'running', done: 2, total: 3, settlingUntil: '2026-05-01T10:00:30.000Z' } });
    expect(text('upload-settling')).toMatch(/^Waiting until .+ for an earlier upload that may still be arriving at RunSignup, .+nothing goes up twice\.$/);
    await fake.push({ type: 'job', kind: 'resultsUpload', key, status: { ...idle, state: 'running', done: 2, total: 3, rowsPerSecond: 4, secondsLeft: 1, settlingUntil: null } });
    expect(text('upload-settling')).toBeNull();
    // Another event's upload is not this panel's.
    await fake.push({ type: 'job', kind: 'resultsUpload', key: jobKey.resultsUpload(400003), status: { ...idle, eventId: 400003, state: 'running', done: 9, total: 9 } });
    expect(mounted.container.textContent).toContain('2 of 3 rows');

    const report = { outcome: 'rows_failed' as const, sent: 3, confirmed: 2, failed: [{ rowId: 12, bibNum: '124', reason: 'bib number 124 is not valid' }], heldBack: 0, pending: 0, message: 'Uploaded 2 of 3 rows; 1 refused.' };
    await fake.push({ type: 'job', kind: 'resultsUpload', key, status: { ...idle, state: 'finished', done: 3, total: 3, report } });
    expect(text('upload-report')).toContain('Uploaded 2 of 3 rows; 1 refused.');
    expect(text('upload-report')).toContain('Bib 124: bib number 124 is not valid');
    expect(onFinished).toHaveBeenCalledTimes(1);
    expect(button('Cancel upload')!.disabled).toBe(true);

    // Nothing polls: a second later the status was still asked once per mount (StrictMode mounts twice).
    await act(() => new Promise((resolve) => setTimeout(resolve, 1000)));
    expect(fake.count('uploadStatus')).toBeLessThanOrEqual(2);
    expect(fake.count('connectionCheck')).toBe(0);
  });

  it('follows the pushed connection, checks now when asked, and stops watching when closed', async () => {
    const checking: ConnectionState = { ...online, state: 'unknown', checking: true };
    const fake = fakeBridge({ uploadPreview: () => preview, uploadStatus: () => idle, connectionWatch: () => checking, connectionCheck: () => checking, connectionUnwatch: () => online });
    await act(async () =>
      mounted.root.render(
        <BridgeProvider bridge={fake.bridge}>
          <UploadPanel raceId={raceId} eventId={eventId} revision={0} onFinished={() => {}} />
        </BridgeProvider>,
      ),
    );
    expect(text('online-status')).toBe('Checking connection…');
    await fake.push({ type: 'connection', connection: { state: 'offline', message: 'Cannot reach RunSignup: the connection was refused.', at: online.at, checking: false } });
    expect(text('online-status')).toBe('○ Offline: edits are saved here and wait for a connection');
    expect(mounted.container.querySelector('[data-testid="online-status"]')!.getAttribute('title')).toBe('Cannot reach RunSignup: the connection was refused.');

    await act(async () => button('Check connection')!.click());
    expect(fake.calls.at(-1)).toEqual(['connectionCheck', { raceId }]);
    await fake.push({ type: 'connection', connection: online });
    expect(text('online-status')).toBe('● Online');

    act(() => mounted.root.render(<BridgeProvider bridge={fake.bridge}>{null}</BridgeProvider>));
    expect(fake.calls.at(-1)).toEqual(['connectionUnwatch', { raceId }]);
    expect(fake.listeners.size).toBe(0);
  });
});
