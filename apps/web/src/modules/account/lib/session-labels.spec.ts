import { describeUserAgent, passwordChangedMessage } from './session-labels';

describe('describeUserAgent', () => {
  it('names the browser and the system', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome on Linux');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    ).toBe('Edge on Windows');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
      ),
    ).toBe('Safari on macOS');
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe(
      'Firefox on Linux',
    );
  });

  it('shows other clients as they named themselves, and says when nothing was sent', () => {
    expect(describeUserAgent('curl/8.5.0')).toBe('curl/8.5.0');
    expect(describeUserAgent('x'.repeat(80))).toBe(`${'x'.repeat(59)}…`);
    expect(describeUserAgent(null)).toBe('Unknown browser');
  });
});

describe('passwordChangedMessage', () => {
  it('counts the sessions signed out', () => {
    expect(passwordChangedMessage(0)).toBe('Password changed. You had no other sessions to sign out.');
    expect(passwordChangedMessage(1)).toBe('Password changed. 1 other session signed out.');
    expect(passwordChangedMessage(3)).toBe('Password changed. 3 other sessions signed out.');
  });
});
