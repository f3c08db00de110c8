import { serverSentEvent } from './server-sent-event';

describe('serverSentEvent', () => {
  it('puts the JSON on one data line, even when a value holds newlines', () => {
    const text = serverSentEvent('job', { message: 'line one\nline two' });
    expect(text).toBe('event: job\ndata: {"message":"line one\\nline two"}\n\n');
    expect(text.split('\n').filter((line) => line.startsWith('data:'))).toHaveLength(1);
  });
});
