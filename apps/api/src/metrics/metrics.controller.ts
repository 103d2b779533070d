import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { metricsRegistry } from '@ocop/observability';
import { Public } from '../auth/access.decorator';

/**
 * Prometheus scrape endpoint. Public like /health: it holds counts and latencies, no personal data; in production
 * the load balancer serves it to the monitoring network only (see the README's operations guide).
 */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  @Get()
  @Public()
  @Header('Content-Type', metricsRegistry.contentType)
  @ApiProduces('text/plain')
  @ApiOperation({
    summary: 'Prometheus metrics of this API process: HTTP requests by route and status, outbox depth, projection lag. Public.',
  })
  @ApiOkResponse({
    description: 'Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string', example: 'ocop_outbox_depth{channel="email",status="sent"} 12' } } },
  })
  scrape(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
