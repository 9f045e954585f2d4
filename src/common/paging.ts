import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page 必须是整数' })
  @Min(1, { message: 'page 最小为 1' })
  page: number = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize 必须是整数' })
  @Min(1, { message: 'pageSize 最小为 1' })
  @Max(500, { message: 'pageSize 最大为 500' })
  pageSize: number = 20;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageOf<T>(items: T[], total: number, q: PageQuery): Page<T> {
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** Every item a paged listing finds with the query's filters, fetched page by page (for exports). */
export async function* allPages<Q extends PageQuery, T>(list: (q: Q) => Promise<Page<T>>, query: Q, pageSize = 500): AsyncGenerator<T> {
  for (let page = 1; ; page++) {
    const { items } = await list(Object.assign(Object.create(Object.getPrototypeOf(query) as object) as Q, query, { page, pageSize }));
    yield* items;
    if (items.length < pageSize) return;
  }
}
