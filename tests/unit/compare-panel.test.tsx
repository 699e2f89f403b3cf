// @vitest-environment happy-dom
// The compare panel against a fake bridge: answers that come back out of order never show the
// set as it was before the last pull.
import { act } from 'react';
import { expect, it } from 'vitest';
import type { CompareReport, DiffKind } from '../../shared/ipc/channels/inPerson';
import { BridgeProvider } from '../../renderer/src/bridge';
import { ComparePanel } from '../../renderer/src/results/ComparePanel';
import { fakeBridge, renderRoot } from './fakeBridge';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const raceId = 101234;
const eventId = 400004;
const report = (counts: Record<DiffKind, number>): CompareReport => ({
  eventId, resultSetId: 60022, resultSetName: 'Final', splits: [], pulledAt: '2026-05-01T10:00:00.000Z', counts, rows: [], more: 0,
});
const before = report({ new: 0, changed: 1, same: 7, remote_only: 2 });
const after = report({ new: 0, changed: 0, same: 8, remote_only: 2 });

const mounted = renderRoot();

const counts = () => Object.fromEntries(['new', 'changed', 'same', 'remote_only'].map((kind) => [kind, Number(mounted.container.querySelector(`[data-testid="compare-${kind}"]`)?.textContent)]));

it('an edit compared while an upload\'s pull is out waits for the pull, so the old set never shows last', async () => {
  // The kept copy: before the pull the row still differs; the pull brings the upload back. An
  // edit's compare reads the copy when asked, and its answer is held until the test lets it go.
  let pulled = false;
  let releasePull = () => {};
  const heldEdits: (() => void)[] = [];
  const fake = fakeBridge({
    resultsCompare: (request) => {
      if (!(request as { refresh: boolean }).refresh) {
        const answer = pulled ? after : before;
        return new Promise<CompareReport>((resolve) => heldEdits.push(() => resolve(answer)));
      }
      if (fake.count('resultsCompare') === 1) return before;
      return new Promise<CompareReport>((resolve) => {
        releasePull = () => {
          pulled = true;
          resolve(after);
        };
      });
    },
  });
  const panel = (revision: number, pullKey: number) => (
    <BridgeProvider bridge={fake.bridge}>
      <ComparePanel raceId={raceId} eventId={eventId} revision={revision} pullKey={pullKey} flagged={new Set()} onTake={() => {}} onCleared={() => {}} onClose={() => {}} />
    </BridgeProvider>
  );
  await act(async () => mounted.root.render(panel(0, 0)));
  expect(counts()).toEqual(before.counts);

  // The upload ends: a pull is asked for, then the rows' new sync states arrive as an edit.
  await act(async () => mounted.root.render(panel(0, 1)));
  await act(async () => mounted.root.render(panel(1, 1)));
  await act(async () => releasePull());
  expect(counts()).toEqual(after.counts);
  // Whatever edit answers were out come back last; none of them was read before the pull.
  await act(async () => heldEdits.splice(0).forEach((release) => release()));
  expect(counts()).toEqual(after.counts);
  const refreshes = fake.calls.filter(([name]) => name === 'resultsCompare').map(([, request]) => (request as { refresh: boolean }).refresh);
  expect(refreshes).toEqual([true, true, false]);
});
