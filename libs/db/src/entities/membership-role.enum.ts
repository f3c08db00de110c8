// The four roles of the architecture's "who uses it" table; stored as the Postgres enum membership_role.
export enum MembershipRole {
  OWNER = 'OWNER',
  CURATOR = 'CURATOR',
  ENGINEER = 'ENGINEER',
  VIEWER = 'VIEWER',
}
