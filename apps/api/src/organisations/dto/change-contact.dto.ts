import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches } from 'class-validator';

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

/** The contact fields a change may name; the others keep their value. */
export const CONTACT_FIELDS = ['contactEmail', 'contactPhone', 'address', 'representative'] as const;

/**
 * Change an organisation's contact details (thay đổi thông tin liên hệ), or its commune. Only the fields sent change;
 * `null` clears a contact field. At least one field must be sent.
 */
export class ChangeContactDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'htx.bacha@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  @Length(3, 254, { message: 'contactEmail must be at most 254 characters' })
  contactEmail?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '0214 3880 123',
    description: 'digits, spaces, dots or dashes, 8–15 digits in all, optionally starting with +',
  })
  @IsOptional()
  @IsString({ message: 'contactPhone must be a string' })
  @Matches(/^\+?[0-9][0-9 .-]{6,22}[0-9]$/, {
    message: 'contactPhone must be a phone number: digits, spaces, dots or dashes, optionally starting with +',
  })
  @Matches(/^\+?(?:[ .-]?[0-9]){8,15}$/, { message: 'contactPhone must have 8–15 digits' })
  contactPhone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Thôn Nậm Sắt, xã Nậm Mòn, huyện Bắc Hà, Lào Cai' })
  @IsOptional()
  @IsString({ message: 'address must be a string' })
  @Length(5, 300, { message: 'address must be 5–300 characters' })
  @Matches(NO_CONTROL, { message: 'address must not contain control characters' })
  @Matches(/\S/, { message: 'address must not be blank' })
  address?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Nguyễn Văn Hùng (Giám đốc / Director)' })
  @IsOptional()
  @IsString({ message: 'representative must be a string' })
  @Length(2, 120, { message: 'representative must be 2–120 characters' })
  @Matches(NO_CONTROL, { message: 'representative must not contain control characters' })
  @Matches(/\S/, { message: 'representative must not be blank' })
  representative?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '02890',
    description: 'Its commune on the 2025 map (GSO code), which must be in its province (recorded as OrganisationPlaced)',
  })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit GSO commune code such as 02890' })
  communeCode?: string;
}
