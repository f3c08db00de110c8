// A select over a generated GraphQL enum; `labels` is typed on the enum, so every value has words.
// Keyed on `defaultValue`: React applies a select's defaultValue only when it mounts, so after a refusal
// the select is mounted again to show the value that was submitted rather than the first default.
export function EnumSelect<T extends string>({
  label,
  name,
  labels,
  defaultValue,
  describedBy,
}: {
  label: string;
  name: string;
  labels: Record<T, string>;
  defaultValue: T;
  /** The id of text that explains the choices (e.g. what each role may do). */
  describedBy?: string;
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select
        key={defaultValue}
        name={name}
        defaultValue={defaultValue}
        aria-describedby={describedBy}
        required
      >
        {(Object.keys(labels) as T[]).map((value) => (
          <option key={value} value={value}>
            {labels[value]}
          </option>
        ))}
      </select>
    </label>
  );
}
