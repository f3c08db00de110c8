import { Body, Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Inject } from '@nestjs/common';
import { ClipBlob, RaterService } from '@loris/domain';
import { BLOB_STORE } from '@loris/engine';
import { BlobStore } from '@loris/storage';
import { Public } from '../../server/auth/roles.decorator';
import { RaterErrorFilter } from './rater-error.filter';
import { RaterRateLimit, raterToken } from './rater-rate-limit.guard';

/**
 * The rater pages' API (issue 17): no account, a link and then a session token (Authorization: Bearer).
 * Outside /v1 and /graphql, so member credentials mean nothing here, and neutral by design: the same URL
 * scheme for every clip (/rate/api/clips/<handle of this session>), clips served as bare WAV bytes (or,
 * for a campaign shown with video, MP4 bytes) with no name, id, ETag or metadata, and errors as
 * {error: {code, message}} a page can show as they are.
 */
@Public()
@UseGuards(RaterRateLimit)
@UseFilters(RaterErrorFilter)
@Controller('rate/api')
export class RaterController {
  constructor(
    private readonly raters: RaterService,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  @Post('sessions')
  start(@Body() body: { link?: unknown } | undefined, @Req() req: Request) {
    return this.raters.start(body?.link, { ip: req.ip ?? 'unknown' });
  }

  @Get('session')
  state(@Req() req: Request) {
    return this.raters.state(raterToken(req));
  }

  @Post('session/consent')
  consent(@Req() req: Request) {
    return this.raters.consent(raterToken(req));
  }

  @Get('session/hearing/:index')
  async hearing(@Req() req: Request, @Param('index') index: string, @Res() res: Response): Promise<void> {
    const wav = await this.raters.hearingTone(raterToken(req), Number(index));
    neutralClipHeaders(res, wav.length, WAV);
    res.end(Buffer.from(wav));
  }

  @Get('session/environment')
  async environment(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.send(res, await this.raters.environmentClip(raterToken(req)));
  }

  @Post('session/qualification')
  qualify(@Req() req: Request, @Body() body: { hearing?: unknown; digits?: unknown } | undefined) {
    return this.raters.qualify(raterToken(req), { hearing: body?.hearing, digits: body?.digits });
  }

  @Get('session/anchors/:index')
  async anchor(@Req() req: Request, @Param('index') index: string, @Res() res: Response): Promise<void> {
    await this.send(res, await this.raters.anchorClip(raterToken(req), Number(index)));
  }

  @Post('session/training')
  finishTraining(@Req() req: Request) {
    return this.raters.finishTraining(raterToken(req));
  }

  @Get('clips/:id')
  async clip(@Req() req: Request, @Param('id') id: string, @Res() res: Response): Promise<void> {
    await this.send(res, await this.raters.clip(raterToken(req), id));
  }

  @Post('clips/:id/playback')
  playback(
    @Req() req: Request,
    @Param('id') id: string,
    @Body() body: { event?: unknown; mediaSeconds?: unknown } | undefined,
  ) {
    return this.raters.playback(raterToken(req), id, body?.event, body?.mediaSeconds);
  }

  @Post('clips/:id/vote')
  vote(@Req() req: Request, @Param('id') id: string, @Body() body: { score?: unknown } | undefined) {
    return this.raters.vote(raterToken(req), id, body?.score);
  }

  private async send(res: Response, blob: ClipBlob): Promise<void> {
    neutralClipHeaders(res, blob.bytes, blob.mediaType === MP4 ? MP4 : WAV);
    await pipeline(await this.store.createReadStream(blob.sha256), res);
  }
}

const WAV = 'audio/wav';
const MP4 = 'video/mp4';

/**
 * Only what a player needs: no ETag (a content hash would tell equal clips apart), no name, no caching. The
 * type is one of two fixed values, and all of a campaign's rated clips share it.
 */
function neutralClipHeaders(res: Response, bytes: number, type: typeof WAV | typeof MP4): void {
  res.status(200);
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', String(bytes));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}
