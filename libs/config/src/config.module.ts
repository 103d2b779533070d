import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnvironment } from './environment';

/** Validates the environment once at boot and serves it as `ConfigService<Environment, true>`. */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ ignoreEnvFile: true, cache: true, validate: validateEnvironment })],
  exports: [ConfigModule],
})
export class AppConfigModule {}
