import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '@ocop/identity';
import { Access, CurrentUser } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { Call, type CallContext } from '../common/call-context';
import { IDEMPOTENCY_HEADER } from '../common/idempotency.interceptor';
import { pageOf } from '../common/paging';
import { INBOX_PAGE, ListNotificationsQuery, NotificationResponse } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

const UNREAD_HEADER = 'X-Unread-Count';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Access('notifications.list')
  @ApiOperation({ summary: 'Hộp thư của tôi / My inbox (every inbox I read, newest first)' })
  @ApiOkResponse({
    type: [NotificationResponse],
    description: 'Newest first',
    headers: { [UNREAD_HEADER]: { description: 'Unread messages in all the caller’s inboxes', schema: { type: 'integer' } } },
  })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  async list(
    @Query() query: ListNotificationsQuery,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<NotificationResponse[]> {
    const { messages, unread } = await this.notifications.list(user, query.unreadOnly === true, pageOf(query, INBOX_PAGE).limit);
    response.setHeader(UNREAD_HEADER, String(unread));
    return messages;
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @Access('notifications.markRead')
  @ApiOperation({ summary: 'Đánh dấu đã đọc / Mark a message read (the first time only; a repeat changes nothing)' })
  @ApiHeader({ name: IDEMPOTENCY_HEADER, required: false })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  markRead(@Param('id') id: string, @Call() call: CallContext): Promise<NotificationResponse> {
    return this.notifications.markRead(id, call);
  }
}
