import { typedValues } from './typed-values';

describe('typedValues', () => {
  it('keeps every text field as typed, passwords included, and leaves files and React internals out', () => {
    const form = new FormData();
    form.append('email', ' someone@example.com ');
    form.append('password', ' pass word ');
    form.append('upload', new Blob(['x']));
    form.append('$ACTION_ID_abc', '');
    expect(typedValues(form)).toEqual({ email: ' someone@example.com ', password: ' pass word ' });
  });
});
