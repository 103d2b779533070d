import { Type } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { toInt } from './query-transforms';

/** How many items a list gives per page: at most `max`, `default` when the query names no limit. */
export interface PageSize {
  readonly default: number;
  readonly max: number;
}

/** The `limit` of a list query (a cursor-paged list adds its cursor). */
export function LimitQuery(size: PageSize): Type<{ limit?: number }> {
  class Limit {
    @ApiPropertyOptional({ example: size.default, minimum: 1, maximum: size.max, default: size.default })
    @IsOptional()
    @Transform(toInt)
    @IsInt({ message: 'limit must be an integer' })
    @Min(1, { message: 'limit must be at least 1' })
    @Max(size.max, { message: `limit must be at most ${size.max}` })
    limit?: number;
  }
  return Limit;
}

/** `limit` and `offset` of an offset-paged list query. */
export function OffsetPageQuery(size: PageSize): Type<{ limit?: number; offset?: number }> {
  class OffsetPage extends LimitQuery(size) {
    @ApiPropertyOptional({ example: 0, minimum: 0, default: 0 })
    @IsOptional()
    @Transform(toInt)
    @IsInt({ message: 'offset must be an integer' })
    @Min(0, { message: 'offset must be at least 0' })
    @Max(1_000_000, { message: 'offset must be at most 1000000' })
    offset?: number;
  }
  return OffsetPage;
}

/** The page a query asks for, its defaults filled in. */
export const pageOf = (query: { limit?: number; offset?: number }, size: PageSize): { limit: number; offset: number } => ({
  limit: query.limit ?? size.default,
  offset: query.offset ?? 0,
});
