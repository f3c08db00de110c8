import { parseS3Url } from './create-blob-store';

describe('parseS3Url', () => {
  it('splits bucket and prefix, trimming slashes', () => {
    expect(parseS3Url('s3://loris/blobs/')).toEqual({ bucket: 'loris', prefix: 'blobs' });
    expect(parseS3Url('s3://loris/a/b')).toEqual({ bucket: 'loris', prefix: 'a/b' });
    expect(parseS3Url('s3://loris')).toEqual({ bucket: 'loris', prefix: '' });
  });
});
