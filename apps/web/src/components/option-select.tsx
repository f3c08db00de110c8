// A select over a list of values shown as they are (names from the API, not an enum with labels).
// `emptyLabel` adds a first choice with the value '' ("use the default"). Keyed on `defaultValue` for the
// reason given in EnumSelect: a select takes its defaultValue only when it mounts.
export function OptionSelect({
  label,
  name,
  options,
  defaultValue,
  emptyLabel,
}: {
  label: string;
  name: string;
  options: readonly string[];
  defaultValue?: string;
  emptyLabel?: string;
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select key={defaultValue} name={name} defaultValue={defaultValue} required={emptyLabel === undefined}>
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}
