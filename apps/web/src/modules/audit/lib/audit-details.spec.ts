import { auditActionLabel, auditDetailPairs } from './audit-details';

describe('auditDetailPairs', () => {
  it('lists a flat object as key=value pairs', () => {
    expect(auditDetailPairs('{"name":"Moves, \\"quoted\\"","bytes":12,"gone":null}')).toEqual([
      'name=Moves, "quoted"',
      'bytes=12',
      'gone=',
    ]);
    expect(auditDetailPairs('{}')).toEqual([]);
  });

  it('shows anything else as it came', () => {
    expect(auditDetailPairs('not json')).toEqual(['not json']);
    expect(auditDetailPairs('[1]')).toEqual(['[1]']);
  });
});

describe('auditActionLabel', () => {
  it('names the member administration actions', () => {
    expect(
      [
        'member.role_changed',
        'member.removed',
        'member.left',
        'tenant.ownership_transferred',
        'invitation.revoked',
      ].map(auditActionLabel),
    ).toEqual([
      'Member role changed',
      'Member removed',
      'Member left',
      'Ownership transferred',
      'Invitation revoked',
    ]);
  });

  it('shows an action it has no words for as its code', () => {
    expect(auditActionLabel('model.promoted')).toBe('model.promoted');
    expect(auditActionLabel('constructor')).toBe('constructor');
  });
});

describe('auditActionLabel for keys and sessions', () => {
  it('names rotation, logout, revoked sessions and password changes', () => {
    expect(
      ['api_key.rotated', 'session.revoked', 'user.logged_out', 'user.password_changed'].map(
        auditActionLabel,
      ),
    ).toEqual(['API key rotated', 'Session signed out', 'Logged out', 'Password changed']);
  });
});
