import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { USER_ROLES, type AuthUser } from '@ocop/identity';
import { Access, CurrentUser } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { IDEMPOTENCY_HEADER, type IdempotentRequest } from '../common/idempotency.interceptor';
import { ListNotificationsQuery, NotificationResponse } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

const UNREAD_HEADER = 'X-Unread-Count';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Access({ roles: USER_ROLES, rule: 'any authenticated user: its own inboxes (its user, and what it is bound to: organisation, district, province, agency)' })
  @ApiOperation({ summary: 'Hộp thư của tôi / My inbox (every inbox I read, newest first)' })
  @ApiOkResponse({ type: [NotificationResponse], description: 'Newest first', headers: { [UNREAD_HEADER]: { description: 'Unread messages in all the caller’s inboxes', schema: { type: 'integer' } } } })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  async list(@Query() query: ListNotificationsQuery, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) response: Response): Promise<NotificationResponse[]> {
    const { messages, unread } = await this.notifications.list(user, query.unreadOnly === true, query.limit ?? 50);
    response.setHeader(UNREAD_HEADER, String(unread));
    return messages;
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @Access({ roles: USER_ROLES, resource: { kind: 'notification', params: ['id'] }, rule: 'any authenticated user, for a message in its own inboxes (someone else’s is not found)' })
  @ApiOperation({ summary: 'Đánh dấu đã đọc / Mark a message read (the first time only; a repeat changes nothing)' })
  @ApiHeader({ name: IDEMPOTENCY_HEADER, required: false })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  markRead(@Param('id') id: string, @CurrentUser() user: AuthUser, @Req() request: IdempotentRequest): Promise<NotificationResponse> {
    return this.notifications.markRead(id, user, request);
  }
}
