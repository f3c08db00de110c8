import { EntityManager } from 'typeorm';
import { MembershipRole } from '@loris/db';
import { TenantContext } from '@loris/engine';
import { MemberNotFoundError, NoLongerOwnerError } from './members.exception';
import { MemberView } from './members.types';

interface RosterRow {
  id: string;
  user_id: string;
  email: string;
  role: MembershipRole;
  created_at: Date;
}

/**
 * The tenant's memberships, every row locked FOR UPDATE, read inside the unit of work that changes them.
 *
 * Why every row, in id order: "at least one OWNER" is a fact about the whole set, and two requests that
 * each check it on their own snapshot can both pass (two owners demoting each other at once would leave
 * none). Locking the set makes such requests take turns; the second one blocks on the first row, and
 * Postgres hands it the latest committed version of every row it then locks (a demoted owner reads as
 * demoted, a removed one is gone), so its check sees the first one's change. The fixed order means two
 * requests never wait on each other in a circle. Row-level security limits the set to the caller's tenant,
 * which is also why another tenant's member is simply not found here.
 */
export class MemberRoster {
  private constructor(private readonly rows: RosterRow[]) {}

  static async lock(m: EntityManager): Promise<MemberRoster> {
    const rows: RosterRow[] = await m.query(
      `SELECT m.id, m.user_id, u.email, m.role, m.created_at
         FROM memberships m JOIN users u ON u.id = m.user_id
        ORDER BY m.id
          FOR UPDATE OF m`,
    );
    return new MemberRoster(rows);
  }

  /** The member with this membership id; NOT_FOUND otherwise (another tenant's member included). */
  member(id: string): MemberView {
    const row = this.rows.find((r) => r.id === id);
    if (!row) throw new MemberNotFoundError(id);
    return toMemberView(row);
  }

  /** The caller's own membership, if they still have one. */
  memberOf(userId: string): MemberView | undefined {
    const row = this.rows.find((r) => r.user_id === userId);
    return row ? toMemberView(row) : undefined;
  }

  ownerCount(): number {
    return this.rows.filter((r) => r.role === MembershipRole.OWNER).length;
  }

  /**
   * The caller's OWNER role was read when the request came in; another owner may have demoted or removed
   * them since. A member must still be an owner now. (An OWNER API key has no membership to lose.)
   */
  assertStillOwner(caller: TenantContext): void {
    if (!caller.userId) return;
    if (this.memberOf(caller.userId)?.role !== MembershipRole.OWNER) throw new NoLongerOwnerError();
  }
}

function toMemberView(row: RosterRow): MemberView {
  return {
    id: row.id,
    role: row.role,
    joinedAt: new Date(row.created_at),
    user: { id: row.user_id, email: row.email },
  };
}
