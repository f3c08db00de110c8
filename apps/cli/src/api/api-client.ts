import { createReadStream, createWriteStream } from 'fs';
import { stat } from 'fs/promises';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import type { ReadableStream as WebReadableStream } from 'stream/web';
import type { ApiConnection } from './api-connection';
import { apiRefusal, apiUnreachable, notTheApi, type ApiErrorBody } from './api-errors';

interface ApiBody<T> {
  data?: T | null;
  errors?: ApiErrorBody[];
}

/** One file of POST /v1/uploads: its upload id, or why the API would not take it (the batch goes on). */
export type UploadOutcome =
  { id: string; error: null } | { id: null; error: { code: string; message: string } };

/**
 * GraphQL over fetch, uploads and media downloads for the API-backed commands, with the key in
 * X-Api-Key. Problems with the connection or the key (unreachable, UNAUTHENTICATED, FORBIDDEN) are thrown
 * as CliError in words; a file the API refuses is an outcome of that file, for the caller to report.
 */
export class LorisApi {
  constructor(readonly connection: ApiConnection) {}

  /** The data of one operation; any error the API answers is thrown (the first, as CliError). */
  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = await this.json<T>(res);
    if (body.errors?.length) throw apiRefusal(body.errors[0], this.connection.url);
    if (!body.data) throw notTheApi(res.status, this.connection.url);
    return body.data;
  }

  /**
   * Streams a file from disk to POST /v1/uploads (never whole in memory), its name in X-File-Name. A
   * refusal of the file itself (not a usable video, too large) is returned; one of the key is thrown.
   */
  async upload(path: string, name: string): Promise<UploadOutcome> {
    const { size } = await stat(path);
    return this.sendUpload(Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, size, name);
  }

  /** Uploads bytes made in memory (a pose track converted from the LORIS layout), as upload() does a file. */
  uploadBytes(bytes: Uint8Array, name: string): Promise<UploadOutcome> {
    return this.sendUpload(bytes, bytes.length, name);
  }

  private async sendUpload(
    content: ReadableStream<Uint8Array> | Uint8Array,
    size: number,
    name: string,
  ): Promise<UploadOutcome> {
    const res = await this.send('/v1/uploads', {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(size),
        'x-file-name': encodeURIComponent(name),
      },
      body: content,
      duplex: 'half',
    } as RequestInit);
    const body = await this.json<{ id?: string }>(res);
    if (res.status === 201 && typeof (body as { id?: unknown }).id === 'string') {
      return { id: (body as { id: string }).id, error: null };
    }
    const error = body.errors?.[0];
    if (!error) throw notTheApi(res.status, this.connection.url);
    const code = error.extensions?.code;
    if (code !== 'BAD_USER_INPUT') throw apiRefusal(error, this.connection.url);
    const reason = error.extensions?.reason;
    return { id: null, error: { code: typeof reason === 'string' ? reason : code, message: error.message } };
  }

  /**
   * Streams a model folder, packed as a tar, to POST /v1/models/:name/versions; the registered version,
   * or the API's refusal thrown as CliError (it names the file and the problem).
   */
  async pushModel<T>(name: string, tar: ReadableStream<Uint8Array>): Promise<T> {
    const res = await this.send(`/v1/models/${encodeURIComponent(name)}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-tar' },
      body: tar,
      duplex: 'half',
    } as RequestInit);
    const body = await this.json<never>(res);
    if (res.status === 201) return body as T;
    throw body.errors?.length
      ? apiRefusal(body.errors[0], this.connection.url)
      : notTheApi(res.status, this.connection.url);
  }

  /** Streams GET `path` (a media url the API gave, e.g. /v1/media/<id>) into the file `to`; its size. */
  async download(path: string, to: string): Promise<number> {
    const body = await this.media(path);
    let bytes = 0;
    const source = Readable.fromWeb(body);
    source.on('data', (chunk: Buffer) => (bytes += chunk.length));
    await pipeline(source, createWriteStream(to));
    return bytes;
  }

  /** GET `path` whole, for small files (a rhythm's JSON). */
  async read(path: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.fromWeb(await this.media(path))) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** The body of GET `path` (a media url, or an export's tar) as it arrives; a refusal thrown as CliError. */
  stream(path: string): Promise<WebReadableStream<Uint8Array>> {
    return this.media(path);
  }

  /** The body of a media route's 200 answer; its refusal thrown as CliError. */
  private async media(path: string): Promise<WebReadableStream<Uint8Array>> {
    const res = await this.send(path, { method: 'GET' });
    if (res.status === 200 && res.body) return res.body as WebReadableStream<Uint8Array>;
    const body = await this.json<never>(res);
    throw body.errors?.length
      ? apiRefusal(body.errors[0], this.connection.url)
      : notTheApi(res.status, this.connection.url);
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const headers = { ...(init.headers as Record<string, string>), 'x-api-key': this.connection.apiKey };
    try {
      return await fetch(`${this.connection.url}${path}`, { ...init, headers });
    } catch (error) {
      throw apiUnreachable(error, this.connection.url);
    }
  }

  /** The body as the API's JSON; anything else (an HTML error page) is not the API. */
  private async json<T>(res: Response): Promise<ApiBody<T>> {
    const text = await res.text();
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object') return parsed as ApiBody<T>;
    } catch {
      // Falls through: not JSON.
    }
    throw notTheApi(res.status, this.connection.url);
  }
}
