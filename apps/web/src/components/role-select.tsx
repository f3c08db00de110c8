import { useId } from 'react';
import { Role } from '@/graphql/generated';
import { roleDescriptions } from '@/lib/roles/role-descriptions';
import { EnumSelect } from './enum-select';

export const roleLabels: Record<Role, string> = {
  OWNER: 'Owner',
  CURATOR: 'Curator',
  ENGINEER: 'Engineer',
  VIEWER: 'Viewer',
};

function isRole(value: string | undefined): value is Role {
  return value !== undefined && value in roleLabels;
}

// The role choice of the API key and invitation forms, with one line per role under it so whoever picks
// a role sees what it allows before giving it. `fallback` is the choice before anything was picked.
export function RoleSelect({
  defaultValue,
  fallback = Role.Viewer,
  label = 'Role',
}: {
  defaultValue?: string;
  fallback?: Role;
  label?: string;
}) {
  const guideId = useId();
  return (
    <div className="stack role-select">
      <EnumSelect
        label={label}
        name="role"
        labels={roleLabels}
        defaultValue={isRole(defaultValue) ? defaultValue : fallback}
        describedBy={guideId}
      />
      <ul id={guideId} className="role-guide">
        {(Object.keys(roleLabels) as Role[]).map((role) => (
          <li key={role}>
            <strong>{roleLabels[role]}</strong>: {roleDescriptions[role]}
          </li>
        ))}
      </ul>
    </div>
  );
}
