import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { MaxTextLength, ZhLabel } from '@houqin/platform';
import { BusinessTime } from './work-order.dto';

/** Digits, +, - and spaces; the contract's pattern. */
const PHONE = /^[0-9+\- ]{5,20}$/;
const MAX_FEN = 1_000_000_000;

/** 派工 to an in-house technician: their account (they start and complete) and name. */
export class DispatchTechnicianDto {
  @ApiProperty({ description: "The technician's account id / 维修工账号", minLength: 1, maxLength: 64, example: 'tech.zhang' })
  @ZhLabel('维修工账号')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(64)
  technicianId: string;

  @ApiProperty({ description: 'Name / 维修工姓名', minLength: 1, maxLength: 40, example: '张师傅' })
  @ZhLabel('维修工姓名')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(40)
  technicianName: string;

  @BusinessTime('the repair was dispatched', '派工')
  occurredAt?: string;
}

/** 派工 to an outside contractor (外包单位): company, contact person and phone (in full only to the school's admins). */
export class DispatchContractorDto {
  @ApiProperty({ description: 'Company / 外包单位', minLength: 1, maxLength: 100, example: '蓝天水电维修有限公司' })
  @ZhLabel('外包单位')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(100)
  company: string;

  @ApiProperty({ description: 'Contact person / 联系人', minLength: 1, maxLength: 40, example: '王经理' })
  @ZhLabel('联系人')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(40)
  contact: string;

  @ApiProperty({ description: "Phone (in full only to the school's admins, masked to everyone else) / 联系电话（仅学校管理员可见全号）", pattern: PHONE.source, maxLength: 20, example: '13800138000' })
  @ZhLabel('联系电话')
  @IsString()
  @Matches(PHONE)
  phone: string;

  @BusinessTime('the repair was dispatched', '派工')
  occurredAt?: string;
}

export class StartRepairDto {
  @BusinessTime('the repair started', '开工')
  occurredAt?: string;
}

export class RepairPartDto {
  @ApiProperty({ description: 'Part or material / 配件名称', minLength: 1, maxLength: 60, example: '三角阀' })
  @ZhLabel('配件名称')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(60)
  name: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10000, example: 2 })
  @ZhLabel('数量')
  @IsInt()
  @Min(1)
  @Max(10000)
  quantity: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_FEN, description: 'Unit price in fen (分) / 单价（分）', example: 1850 })
  @ZhLabel('单价（分）')
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  unitPriceFen: number;
}

/** 登记费用: replaces the previous sheet. Money in whole fen (分). */
export class RecordRepairCostsDto {
  @ApiProperty({ type: [RepairPartDto], maxItems: 50, description: 'Parts used / 配件' })
  @ZhLabel('配件')
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RepairPartDto)
  parts: RepairPartDto[];

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_FEN, description: 'Labour in fen (分) / 人工费（分）', example: 5000 })
  @ZhLabel('人工费（分）')
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  labourFen: number;

  @BusinessTime('the costs were recorded', '登记费用')
  occurredAt?: string;
}
