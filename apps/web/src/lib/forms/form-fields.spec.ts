import { enumField, secretField, textField } from './form-fields';

const Category = { Dance: 'DANCE', FloorExercise: 'FLOOR_EXERCISE' } as const;

function form(entries: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.append(name, value);
  return data;
}

describe('form fields', () => {
  it('trims text but keeps secrets as typed', () => {
    const data = form({ name: '  Street dance  ', password: ' pass word ' });
    expect(textField(data, 'name')).toBe('Street dance');
    expect(secretField(data, 'password')).toBe(' pass word ');
  });

  it('reads a missing field or a file as empty', () => {
    const data = form({ upload: new Blob(['x']) });
    expect(textField(data, 'absent')).toBe('');
    expect(textField(data, 'upload')).toBe('');
    expect(secretField(data, 'upload')).toBe('');
  });

  it('accepts only values of the enum', () => {
    expect(enumField(form({ category: 'FLOOR_EXERCISE' }), 'category', Category)).toBe('FLOOR_EXERCISE');
    expect(enumField(form({ category: 'FloorExercise' }), 'category', Category)).toBeUndefined();
    expect(enumField(form({}), 'category', Category)).toBeUndefined();
  });
});
