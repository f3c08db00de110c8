import { describeKeyExpiry, keyExpiryFromDay } from './key-expiry';

describe('keyExpiryFromDay', () => {
  const now = new Date('2026-12-07T10:00:00Z');

  it('is no expiry for an empty field', () => {
    expect(keyExpiryFromDay('', now)).toEqual({ expiresAt: null });
  });

  it('is the start of the day, UTC', () => {
    expect(keyExpiryFromDay('2027-01-31', now)).toEqual({ expiresAt: '2027-01-31T00:00:00.000Z' });
  });

  it('refuses today and past days, which would make a key that never works', () => {
    expect(keyExpiryFromDay('2026-12-07', now)).toEqual({ error: 'Choose an expiry day after today (UTC).' });
    expect(keyExpiryFromDay('2020-01-01', now)).toEqual({ error: 'Choose an expiry day after today (UTC).' });
  });

  it('refuses what is not a real day', () => {
    for (const day of ['2027-02-30', '31/01/2027', '2027-1-5', 'tomorrow']) {
      expect(keyExpiryFromDay(day, now)).toEqual({ error: 'Enter the expiry as a date, like 2027-01-31.' });
    }
  });
});

describe('describeKeyExpiry', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  it('tells never, still active and expired apart', () => {
    expect(describeKeyExpiry(null, now)).toBe('never');
    expect(describeKeyExpiry('2026-12-08T00:00:00.000Z', now)).toBe('active');
    expect(describeKeyExpiry('2026-12-07T10:00:00.000Z', now)).toBe('expired');
  });
});
