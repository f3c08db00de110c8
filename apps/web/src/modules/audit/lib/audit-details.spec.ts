import { auditDetailPairs } from './audit-details';

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
