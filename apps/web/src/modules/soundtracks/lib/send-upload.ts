import type { RouteFailure, UploadedMedia } from './job-types';

export const lostConnection = 'The upload was interrupted. Check the connection and choose the file again.';

// Sends one file as the raw body of POST /generate/upload (the console's proxy streams it to the API's
// POST /v1/uploads), reporting bytes sent; XMLHttpRequest because fetch cannot report upload progress.
// The API decides the kind from the bytes; the name goes along only to be kept and shown. An expired
// session goes to the login page; any other refusal rejects with the API's words.
export function sendUpload(
  file: File,
  onProgress: (sent: number, total: number) => void,
): Promise<UploadedMedia> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // Not JSON: a proxy's error page; the status decides below.
      }
      if (request.status === 201 && body) return resolve(body as UploadedMedia);
      if (request.status === 401) window.location.assign('/login?expired=1');
      const error = (body as { error?: RouteFailure } | null)?.error;
      reject(new Error(error?.message ?? 'The upload was refused. Try again.'));
    };
    request.onerror = () => reject(new Error(lostConnection));
    request.open('POST', '/generate/upload');
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    request.send(file);
  });
}
