import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/calendars.module';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/** Council evaluation sessions: open, list, score, close (the evaluationSession workflow decides). */
@Module({
  imports: [CalendarsModule],
  controllers: [SessionsController],
  providers: [SessionsService, SessionsRepository],
})
export class SessionsModule {}
