// The options of a new result set on RunSignup, shared by both upload flows: the virtual one
// (the set is made at the start of the upload) and the in-person picker (made at once).
export interface NewSetOptions {
  name: string;
  preliminary: boolean;
  public: boolean;
  notificationsOff: boolean;
}

/** A new set goes up preliminary, public, with notifications off, unless the timer says otherwise. */
export const defaultNewSet: NewSetOptions = { name: 'Results', preliminary: true, public: true, notificationsOff: true };

export function ResultSetFields({
  value,
  onChange,
  disabled = false,
  showPublic = false,
}: {
  value: NewSetOptions;
  onChange: (next: NewSetOptions) => void;
  disabled?: boolean;
  /** The virtual upload cannot set it (RunSignup's default, public, is used). */
  showPublic?: boolean;
}) {
  return (
    <>
      <label>
        Set name <input value={value.name} disabled={disabled} required maxLength={120} onChange={(e) => onChange({ ...value, name: e.target.value })} />
      </label>
      <label>
        <input type="checkbox" checked={value.preliminary} disabled={disabled} onChange={(e) => onChange({ ...value, preliminary: e.target.checked })} /> Preliminary
      </label>
      {showPublic && (
        <label>
          <input type="checkbox" checked={value.public} disabled={disabled} onChange={(e) => onChange({ ...value, public: e.target.checked })} /> Public
        </label>
      )}
      <label>
        <input type="checkbox" checked={value.notificationsOff} disabled={disabled} onChange={(e) => onChange({ ...value, notificationsOff: e.target.checked })} /> Notifications off
      </label>
    </>
  );
}
