import { auditHref, readAuditFilter, toApiFilter } from './audit-filter';

describe('audit filter', () => {
  const read = (query: string) => {
    const params = new URLSearchParams(query);
    return readAuditFilter((name) => params.get(name) ?? undefined);
  };

  it('reads the filters of an address, dropping blanks and days that do not exist', () => {
    expect(read('actor=%20ana%40example.com%20&action=&from=2024-02-30&to=2024-03-01')).toEqual({
      actor: 'ana@example.com',
      to: '2024-03-01',
    });
  });

  it('sends whole UTC days, the last one included', () => {
    expect(toApiFilter({ objectType: 'api_key', from: '2024-02-28', to: '2024-02-29' })).toEqual({
      actor: null,
      action: null,
      objectType: 'api_key',
      from: '2024-02-28T00:00:00.000Z',
      to: '2024-03-01T00:00:00.000Z',
    });
  });

  it('keeps the filters in the page and export addresses', () => {
    expect(auditHref('/audit', {})).toBe('/audit');
    expect(auditHref('/audit', { action: 'dataset.created' }, 'abc')).toBe(
      '/audit?action=dataset.created&after=abc',
    );
    expect(auditHref('/audit/export', { actor: 'a b' })).toBe('/audit/export?actor=a+b');
  });
});
