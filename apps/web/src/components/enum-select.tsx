// A select over a generated GraphQL enum; `labels` is typed on the enum, so every value has words.
export function EnumSelect<T extends string>({
  label,
  name,
  labels,
  defaultValue,
}: {
  label: string;
  name: string;
  labels: Record<T, string>;
  defaultValue: T;
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select name={name} defaultValue={defaultValue} required>
        {(Object.keys(labels) as T[]).map((value) => (
          <option key={value} value={value}>
            {labels[value]}
          </option>
        ))}
      </select>
    </label>
  );
}
