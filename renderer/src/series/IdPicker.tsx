// One field of the scoring set: a list of what the lookups cached, with "Type the id…" at the
// end; with nothing cached (offline, never refreshed) it is just the id field(s). A choice may
// stand for several ids (a race and its event), joined with ':' in the option's value.
import { useState } from 'react';

export interface IdChoice {
  /** The ids, joined with ':' (e.g. '101234:400002'). */
  value: string;
  text: string;
}

const typeIt = '__type-the-id';

export function IdPicker(props: {
  /** The list's label: 'Series'. */
  label: string;
  /** One label per id field: ['Series id']. */
  idLabels: string[];
  choices: IdChoice[];
  /** One value per id field, as typed ('' when empty). */
  values: string[];
  onChange: (values: string[]) => void;
}) {
  const { label, idLabels, choices, values, onChange } = props;
  const [typing, setTyping] = useState(false);
  const joined = values.join(':');
  const listed = choices.some((c) => c.value === joined);
  // Typed ids show when asked for, when nothing is cached, or when the ids are not in the list.
  const showIds = choices.length === 0 || typing || (!listed && values.some((v) => v !== ''));

  return (
    <div className="id-picker">
      {choices.length > 0 && (
        <label>
          {label}
          <select
            value={listed && !typing ? joined : showIds ? typeIt : ''}
            onChange={(e) => {
              const value = e.target.value;
              setTyping(value === typeIt);
              if (value === typeIt) return;
              onChange(value === '' ? values.map(() => '') : value.split(':'));
            }}
          >
            <option value="">choose…</option>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.text}
              </option>
            ))}
            <option value={typeIt}>Type the id…</option>
          </select>
        </label>
      )}
      {showIds &&
        idLabels.map((idLabel, i) => (
          <label key={idLabel}>
            {idLabel}
            <input inputMode="numeric" value={values[i] ?? ''} onChange={(e) => onChange(values.map((v, j) => (j === i ? e.target.value.trim() : v)))} />
          </label>
        ))}
    </div>
  );
}
