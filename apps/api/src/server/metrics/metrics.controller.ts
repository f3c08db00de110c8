import { Controller, Get, Inject, Res } from '@nestjs/common';
import { Response } from 'express';
import { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@loris/engine';
import { Public } from '../auth/roles.decorator';

/**
 * GET /metrics in Prometheus' text format: for the cluster's Prometheus only. The Ingress routes /graphql and
 * /v1 alone to the API, so /metrics is not reachable from outside; NetworkPolicy admits scrapes from the
 * monitoring namespace (k8s/base/network-policies.yaml).
 */
@Controller()
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Public()
  @Get('metrics')
  async metrics(@Res() res: Response): Promise<void> {
    const text = await this.registry.metrics();
    res.setHeader('content-type', this.registry.contentType);
    res.setHeader('cache-control', 'no-store');
    res.send(text);
  }
}
