import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Logger,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { TrainingReportService } from '@loris/domain';
import { Public } from '../../server/auth/roles.decorator';
import { HttpAppErrorFilter } from '../../server/http/app-error.filter';

/**
 * The doors of a KUBERNETES run's pods, opened by the run's own token (`Authorization: Bearer <token>`,
 * from the run's Secret), not by a member or an API key, hence @Public here and the token checked first
 * in every route (TrainingReportService.authorize):
 * - POST /v1/training-runs/:id/events: a batch of the trainer's JSON lines ({ events, logLines });
 * - GET /v1/training-runs/:id/dataset.tar: the run's dataset version, as the trainer's manifest export;
 * - GET /v1/training-runs/:id/checkpoint.pt?sha256=: the stored checkpoint the run resumes from;
 * - POST /v1/training-runs/:id/export.tar: the trained model (model.json and its ONNX files) as one tar.
 */
@Public()
@UseFilters(HttpAppErrorFilter)
@Controller('v1/training-runs')
export class TrainingReportController {
  private readonly logger = new Logger(TrainingReportController.name);

  constructor(private readonly reports: TrainingReportService) {}

  @Post(':id/events')
  @HttpCode(204)
  async events(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
    @Body() body: unknown,
  ): Promise<void> {
    const run = await this.reports.authorize(id, authorization);
    await this.reports.record(run, body);
  }

  @Get(':id/dataset.tar')
  async dataset(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const run = await this.reports.authorize(id, authorization);
    const prepared = await this.reports.dataset(run);
    res.setHeader('Content-Type', 'application/x-tar');
    res.setHeader('Cache-Control', 'private, no-store');
    try {
      await prepared.writeTar(res);
    } catch (error) {
      // Streaming had begun: a broken download, never a shorter tar that looks complete.
      this.logger.error(`dataset of training run ${id} aborted: ${(error as Error).message}`);
      res.destroy();
    }
  }

  @Get(':id/checkpoint.pt')
  async checkpoint(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
    @Query('sha256') sha256: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const run = await this.reports.authorize(id, authorization);
    const { bytes, stream } = await this.reports.checkpoint(run, sha256);
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Length', String(bytes));
    res.setHeader('Cache-Control', 'private, no-store');
    await pipeline(stream, res).catch((error: Error) => {
      this.logger.error(`checkpoint of training run ${id} aborted: ${error.message}`);
      res.destroy();
    });
  }

  @Post(':id/export.tar')
  @HttpCode(201)
  async upload(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
    @Req() req: Request,
  ): Promise<{ sha256: string; bytes: number }> {
    const run = await this.reports.authorize(id, authorization);
    return this.reports.storeExport(run, req);
  }
}
