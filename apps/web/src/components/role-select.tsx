import { Role } from '@/graphql/generated';
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

export function RoleSelect({ defaultValue, label = 'Role' }: { defaultValue?: string; label?: string }) {
  return (
    <EnumSelect
      label={label}
      name="role"
      labels={roleLabels}
      defaultValue={isRole(defaultValue) ? defaultValue : Role.Viewer}
    />
  );
}
