import { ApiProperty } from '@nestjs/swagger';

export class OrganisationResponse {
  @ApiProperty({ format: 'uuid', example: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001' })
  id!: string;

  @ApiProperty({ example: 'HTX Nông nghiệp Bắc Hà' })
  name!: string;

  @ApiProperty({ example: 'htx' })
  producerType!: string;

  @ApiProperty({ example: 'lao-cai' })
  provinceCode!: string;

  @ApiProperty({ example: 'bac-ha' })
  districtCode!: string;

  @ApiProperty({ type: String, nullable: true, example: '02890', description: 'Its commune on the 2025 map (GSO code)' })
  communeCode!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Xã Bảo Nhai', description: 'Its commune’s name' })
  communeName!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '02890',
    description: 'Registered before the reform: its commune on the old map (GSO code)',
  })
  legacyCommuneCode!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '085',
    description: 'Registered before the reform: its district on the old map (GSO code)',
  })
  legacyDistrictCode!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 2015 })
  foundedYear!: number | null;

  @ApiProperty({ type: String, nullable: true, example: '5300123456' })
  taxCode!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'htx.bacha@example.vn' })
  contactEmail!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '0214 3880 123' })
  contactPhone!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Thôn Nậm Sắt, xã Nậm Mòn, huyện Bắc Hà, Lào Cai' })
  address!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Nguyễn Văn Hùng (Giám đốc / Director)', description: 'Legal representative' })
  representative!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'district_coordinator:7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0003',
    description: 'Who registered it (the event’s actor)',
  })
  registeredBy!: string | null;

  @ApiProperty({ example: '2021-01-04T01:00:00.000Z' })
  registeredAt!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'producer:9b2f0c1e-3a6f-4e21-8b9d-5c0e7a2f0004',
    description: 'Who last changed the contact details (the event’s actor); null if never changed',
  })
  contactUpdatedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2021-03-02T01:00:00.000Z' })
  contactUpdatedAt!: string | null;
}

export class OrganisationPageResponse {
  @ApiProperty({ type: [OrganisationResponse] })
  items!: OrganisationResponse[];

  @ApiProperty({ example: 5, description: 'How many match (all pages)' })
  total!: number;
}
