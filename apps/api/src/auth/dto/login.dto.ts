import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { UserResponse } from './user.response';

export class LoginDto {
  @ApiProperty({ example: 'htx.bacha' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username!: string;

  @ApiProperty({ example: 'ocop-demo-2021' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ example: '2026-11-29T10:00:00.000Z' })
  expiresAt!: string;

  @ApiProperty({ type: () => UserResponse })
  user!: UserResponse;
}
