// An event's rows, read page by page: the main process answers results:rows with the first
// rows and keeps the read, and each results:rowsPage brings the next. One answer of 100,000
// rows was copied in one go on the main process (63-71 ms), freezing every window meanwhile.
import type { Bridge } from '../../../shared/ipc/bridge';
import type { EventRows } from '../../../shared/ipc/channels/results';
import { fail, type IpcResult, ok } from '../../../shared/ipc/result';

export async function readEventRows(bridge: Pick<Bridge, 'resultsRows' | 'resultsRowsPage'>, eventId: number): Promise<IpcResult<EventRows>> {
  const first = await bridge.resultsRows({ eventId });
  if (!first.ok || !first.value.more) return first;
  const { snapshot, total } = first.value.more;
  const rows = first.value.rows.slice();
  while (rows.length < total) {
    const page = await bridge.resultsRowsPage({ snapshot, from: rows.length });
    if (!page.ok) return page;
    // A page with nothing would loop for ever; the main process never sends one.
    if (page.value.rows.length === 0) return fail('ipc_failed', `The event's rows stopped after ${rows.length} of ${total}: open the event again.`);
    for (const row of page.value.rows) rows.push(row);
  }
  const { more: _more, ...rest } = first.value;
  return ok({ ...rest, rows });
}
