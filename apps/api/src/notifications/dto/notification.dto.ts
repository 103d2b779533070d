import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { NOTIFICATION_KINDS, NOTIFICATION_SUBJECTS, type NotificationKind, type NotificationSubjectType } from '@ocop/contracts';
import { LimitQuery, type PageSize } from '../../common/paging';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Inbox messages per answer. */
export const INBOX_PAGE: PageSize = { default: 50, max: 200 };

export class ListNotificationsQuery extends LimitQuery(INBOX_PAGE) {
  @ApiPropertyOptional({ example: true, description: 'Only messages not read yet' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'unreadOnly must be true or false' })
  unreadOnly?: boolean;
}

export class BilingualText {
  @ApiProperty({ example: 'Nhắc hạn: nộp hồ sơ sản phẩm' })
  vi!: string;

  @ApiProperty({ example: 'Reminder: dossier due' })
  en!: string;
}

/** The item a message concerns. */
export class NotificationSubjectResponse {
  @ApiProperty({ enum: NOTIFICATION_SUBJECTS, example: 'product' })
  type!: NotificationSubjectType;

  @ApiProperty({
    example: '5b7e2c1a-…',
    description: 'The product id, session id, lab request id, certificate number, cycle (province/year) or user id',
  })
  id!: string;

  @ApiPropertyOptional({ example: 2027, description: 'A product’s cycle' })
  cycleYear?: number;
}

/** A message of the in-app inbox, in the shape of libs/notifications' InboxMessage. */
export class NotificationResponse {
  @ApiProperty({
    example: 'product:5b7e…:2027:dossier_due:reminder-7d:2027-05-31T17:00:00.000Z',
    description: 'The message id (the outbox key that delivered it); POST /notifications/{messageId}/read',
  })
  messageId!: string;

  @ApiProperty({ example: 'org:2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001', description: 'Which of the caller’s inboxes it came to' })
  recipient!: string;

  @ApiProperty({
    enum: NOTIFICATION_KINDS,
    example: 'reminder',
    description: 'reminder (a deadline ahead), missed (one passed), result, request (to act), schedule (a session), certificate, account',
  })
  kind!: NotificationKind;

  @ApiProperty({ type: NotificationSubjectResponse, nullable: true, description: 'The item the message concerns' })
  about!: NotificationSubjectResponse | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '/app/products/5b7e2c1a-…',
    description: 'The web app’s page for the item (a path from the site root); agencies get their queue',
  })
  link!: string | null;

  @ApiProperty({ type: BilingualText })
  subject!: BilingualText;

  @ApiProperty({ type: BilingualText })
  body!: BilingualText;

  @ApiProperty({ example: '2027-05-24T17:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  readAt!: string | null;
}
