// A labelled table with a header row; a column named '' gets a heading only screen readers announce.
export function DataTable({
  label,
  columns,
  children,
}: {
  label: string;
  columns: string[];
  children: React.ReactNode;
}) {
  // The wrapper scrolls a table too wide for a phone inside its card; it takes focus, so a keyboard can
  // scroll it too.
  return (
    <div className="table-scroll" role="region" aria-label={`${label}, scrolls sideways`} tabIndex={0}>
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th scope="col" key={index}>
                {column || <span className="visually-hidden">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
