// Import: open or drop a file (or paste text), preview with the guessed column mapping and
// controls to change it, every problem listed, then one commit = one undo step.
import { type DragEvent, useId, useState } from 'react';
import { fullFieldTitle } from '../../../shared/domain/fieldTitles';
import type { ImportCommitSummary, ImportFileRequest, ImportPreviewSummary } from '../../../shared/ipc/channels/results';
import { useBridge } from '../bridge';
import { toBase64 } from './rowsModel';

/** A field's label: ours, or a split's name from the preview ("5K split"). */
const titleOf = (field: string, preview: ImportPreviewSummary) =>
  fullFieldTitle(field) ?? (preview.fieldTitles?.[field] !== undefined ? `${preview.fieldTitles[field]} split` : field);

type Source = { fileName: string; bytesBase64: string };
type Mapping = NonNullable<ImportFileRequest['mapping']>;

export function ImportWizard({ eventId, onDone, onClose }: { eventId: number; onDone: (summary: ImportCommitSummary) => void; onClose: () => void }) {
  const bridge = useBridge();
  const [source, setSource] = useState<Source | null>(null);
  const [mapping, setMapping] = useState<Mapping | undefined>(undefined);
  const [preview, setPreview] = useState<ImportPreviewSummary | null>(null);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A file is being dragged over the drop area: it lights up, so the timer sees where to let go.
  const [dragging, setDragging] = useState(false);
  const ids = useId();

  const runPreview = async (next: Source, nextMapping?: Mapping) => {
    setSource(next);
    setError(null);
    const answer = await bridge.importPreview({ eventId, ...next, ...(nextMapping ? { mapping: nextMapping } : {}) });
    if (answer.ok) setPreview(answer.value);
    else setError(answer.error.message);
  };

  const openFile = async (file: File | undefined) => {
    if (file) await runPreview({ fileName: file.name, bytesBase64: toBase64(new Uint8Array(await file.arrayBuffer())) });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void openFile(event.dataTransfer.files[0]);
  };
  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    setDragging(true);
  };

  const remap = (field: string, column: string) => {
    const next = { ...(mapping ?? preview?.mapping ?? {}), [field]: column === '' ? null : Number(column) } as Mapping;
    setMapping(next);
    if (source) void runPreview(source, next);
  };

  const commit = async () => {
    if (!source) return;
    setBusy(true);
    const answer = await bridge.importCommit({ eventId, ...source, ...(mapping ? { mapping } : {}) });
    setBusy(false);
    if (answer.ok) onDone(answer.value);
    else setError(answer.error.message);
  };

  // Every row is imported; a row with a problem is flagged and held back from upload until fixed.
  const writable = preview ? preview.totalRows : 0;
  // In person: the splits the file has a column for, shown in the first rows.
  const splitFields = preview ? preview.fields.filter((f) => f.startsWith('split-') && preview.mapping[f] !== undefined) : [];
  return (
    <section className="panel import-wizard" aria-labelledby="import-heading">
      <h2 id="import-heading">Import results</h2>
      <div
        className={`drop-zone${dragging ? ' is-dragging' : ''}`}
        data-testid="drop-zone"
        onDragEnter={onDragOver}
        onDragOver={onDragOver}
        onDragLeave={(e) => {
          // Leaving for a child of the area is not leaving the area.
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <label>
          Results file (CSV or TSV) <input type="file" accept=".csv,.tsv,.txt,text/csv" onChange={(e) => void openFile(e.target.files?.[0])} />
        </label>
        <span aria-live="polite" data-testid="drop-file">
          {dragging ? 'Let go to import this file' : source && source.fileName !== 'pasted rows' ? `File: ${source.fileName}` : 'or drop a file here'}
        </span>
      </div>
      <label className="paste-box">
        Or paste rows from a spreadsheet
        <textarea rows={3} value={pasted} onChange={(e) => setPasted(e.target.value)} />
      </label>
      <button type="button" disabled={pasted.trim() === ''} onClick={() => void runPreview({ fileName: 'pasted rows', bytesBase64: toBase64(new TextEncoder().encode(pasted)) })}>
        Preview pasted rows
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {preview && (
        <>
          <h3>Columns</h3>
          <p>
            {preview.fileName}: {preview.totalRows} rows, {preview.encoding}, delimiter “{preview.delimiter === '\t' ? 'tab' : preview.delimiter}”
            {preview.headerLine !== null ? `, header on line ${preview.headerLine}` : ''}.
            {preview.flaggedRows > 0
              ? ` ${preview.flaggedRows} row${preview.flaggedRows === 1 ? '' : 's'} imported with problems: they are shown under Problems only and held back from upload until fixed.`
              : ''}
          </p>
          {preview.rememberedFields.length > 0 && (
            <p className="hint">Columns as at the last import: {preview.rememberedFields.map((f) => titleOf(f, preview)).join(', ')}.</p>
          )}
          <div className="mapping">
            {preview.fields.map((field) => (
              <span key={field}>
                <label htmlFor={`${ids}-${field}`}>{titleOf(field, preview)}</label>{' '}
                <select id={`${ids}-${field}`} value={(preview.mapping as Record<string, number | undefined>)[field] ?? ''} onChange={(e) => remap(field, e.target.value)}>
                  <option value="">(not in the file)</option>
                  {preview.columns.map((title, i) => (
                    <option key={i} value={i}>
                      {title || `column ${i + 1}`}
                      {(preview.guessedMapping as Record<string, number | undefined>)[field] === i ? ' (guessed)' : ''}
                    </option>
                  ))}
                </select>
              </span>
            ))}
          </div>
          <h3>Problems ({preview.problems.length + preview.moreProblems})</h3>
          {preview.problems.length === 0 ? (
            <p>No problems found.</p>
          ) : (
            <ul className="problem-list" data-testid="import-problems">
              {preview.problems.map((p, i) => (
                <li key={i} className={p.severity}>
                  <strong>{p.severity === 'error' ? 'Held back until fixed' : 'Warning'}:</strong> {p.text}
                </li>
              ))}
              {preview.moreProblems > 0 && <li>…and {preview.moreProblems} more</li>}
            </ul>
          )}
          <h3>First rows</h3>
          <table className="preview-table">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">{fullFieldTitle('bib_num')}</th>
                <th scope="col">{fullFieldTitle('registration_id')}</th>
                {preview.inPerson && <th scope="col">{fullFieldTitle('place')}</th>}
                <th scope="col">{fullFieldTitle('clock_time')}</th>
                {preview.inPerson && <th scope="col">{fullFieldTitle('chip_time')}</th>}
                {splitFields.map((field) => (
                  <th key={field} scope="col">
                    {preview.fieldTitles?.[field] ?? field}
                  </th>
                ))}
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td>{r.bib}</td>
                  <td>{r.registrationId}</td>
                  {preview.inPerson && <td>{r.place}</td>}
                  <td>{r.clock}</td>
                  {preview.inPerson && <td>{r.chip}</td>}
                  {splitFields.map((field) => (
                    <td key={field}>{r.splits?.[field.slice('split-'.length)]}</td>
                  ))}
                  <td>{r.flagged ? 'yes' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={!preview || writable === 0 || busy} onClick={() => void commit()}>
          {`Import ${writable} row${writable === 1 ? '' : 's'}`}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </section>
  );
}
