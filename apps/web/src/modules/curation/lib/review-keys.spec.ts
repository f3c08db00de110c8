import { reviewKeyAction, type ReviewKey } from './review-keys';

function press(key: string, overrides: Partial<ReviewKey> = {}): ReturnType<typeof reviewKeyAction> {
  return reviewKeyAction({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    targetTag: 'BODY',
    targetEditable: false,
    ...overrides,
  });
}

describe('reviewKeyAction', () => {
  it('maps the review shortcuts, upper or lower case', () => {
    expect(press(' ')).toEqual({ kind: 'play-pause' });
    expect(press('a')).toEqual({ kind: 'accept' });
    expect(press('A')).toEqual({ kind: 'accept' });
    expect(press('r')).toEqual({ kind: 'reject' });
    expect(press('j')).toEqual({ kind: 'next' });
    expect(press('K')).toEqual({ kind: 'previous' });
  });

  it('picks a reason by its number, and nothing past the list', () => {
    expect(press('1')).toEqual({ kind: 'reason', reason: 'NOISY_AUDIO' });
    expect(press('6')).toEqual({ kind: 'reason', reason: 'OUT_OF_SYNC' });
    expect(press('7')).toEqual({ kind: 'reason', reason: 'OTHER' });
    expect(press('8')).toBeNull();
    expect(press('0')).toBeNull();
  });

  it('ignores keys while typing and with modifiers', () => {
    expect(press('a', { targetTag: 'INPUT' })).toBeNull();
    expect(press('a', { targetTag: 'INPUT', targetType: 'search' })).toBeNull();
    expect(press('r', { targetTag: 'textarea' })).toBeNull();
    expect(press('j', { targetTag: 'SELECT' })).toBeNull();
    expect(press(' ', { targetTag: 'BUTTON' })).toBeNull();
    expect(press('a', { targetEditable: true })).toBeNull();
    expect(press('r', { ctrlKey: true })).toBeNull();
    expect(press('a', { metaKey: true })).toBeNull();
    expect(press('x')).toBeNull();
  });

  it('keeps letters as shortcuts on a checkbox, radio or button, but leaves space to press them', () => {
    expect(press('a', { targetTag: 'INPUT', targetType: 'checkbox' })).toEqual({ kind: 'accept' });
    expect(press('3', { targetTag: 'INPUT', targetType: 'radio' })).toEqual({
      kind: 'reason',
      reason: 'NO_MUSIC',
    });
    expect(press('j', { targetTag: 'BUTTON' })).toEqual({ kind: 'next' });
    expect(press(' ', { targetTag: 'INPUT', targetType: 'checkbox' })).toBeNull();
    expect(press(' ', { targetTag: 'BUTTON' })).toBeNull();
  });
});
