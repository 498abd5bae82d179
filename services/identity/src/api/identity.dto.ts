import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsString, Matches, Max, Min } from 'class-validator';
import {
  ACCOUNT_POSTS,
  ACCOUNT_ROLES,
  AccountPost,
  AccountRole,
  PHONE_PATTERN,
  SCHOOL_CODE_PATTERN,
  SCHOOL_TYPES,
  SchoolType,
} from '@houqin/contracts';
import { MaxTextLength, OptionalField, PageLimit, ZhLabel } from '@houqin/platform';
import { PASSWORD_MAX_LENGTH } from '../domain/password-policy';

const POSITION = /^\d{1,19}(:\d{1,19})?$/;
const USERNAME_INPUT = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

export class LoginDto {
  @ApiProperty({ description: 'Username / 用户名', minLength: 1, maxLength: 64, example: 'li.lei' })
  @ZhLabel('用户名')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(64)
  username: string;

  @ApiProperty({ description: 'Password / 密码', minLength: 1, maxLength: PASSWORD_MAX_LENGTH, format: 'password', example: 'Houqin#2026' })
  @ZhLabel('密码')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token of the last answer / 刷新令牌', minLength: 1, maxLength: 200 })
  @ZhLabel('刷新令牌')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'Current password / 当前密码', minLength: 1, maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @ZhLabel('当前密码')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({
    description: 'New password: 8+ characters, 3 of upper/lower/digit/symbol, not the username / 新密码：至少 8 位，含大写、小写、数字、符号中的三类，不能与用户名相同',
    minLength: 1,
    maxLength: PASSWORD_MAX_LENGTH,
    format: 'password',
    example: 'Xiaoyuan@2026',
  })
  @ZhLabel('新密码')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(PASSWORD_MAX_LENGTH)
  newPassword: string;
}

export class AccountSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'li.lei' }) username: string;
  @ApiProperty({ example: '李雷' }) name: string;
  @ApiProperty({ enum: ACCOUNT_ROLES }) role: string;
  @ApiPropertyOptional({ example: 'S001' }) schoolId?: string;
  @ApiProperty({ enum: ACCOUNT_POSTS, isArray: true }) posts: string[];
}

export class TokenAnswerDto {
  @ApiProperty({ description: 'RS256 JWT, short-lived (IDENTITY_ACCESS_TTL); with `pwd_change: true` while the password must be changed' }) accessToken: string;
  @ApiProperty({ description: 'Opaque; used once (rotates); refused after IDENTITY_IDLE_MINUTES unused' }) refreshToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds the access token lives', example: 900 }) expiresIn: number;
  @ApiProperty({ description: 'The access token only opens POST /auth/password (and GET /me) until it is changed / 须先修改密码' }) mustChangePassword: boolean;
  @ApiProperty({ type: AccountSummaryDto }) account: AccountSummaryDto;
}

class SchoolProfileFields {
  @ApiProperty({ description: 'Name / 学校名称', minLength: 1, maxLength: 100, example: '第一实验小学' })
  @ZhLabel('学校名称')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(100)
  name: string;

  @ApiProperty({ enum: SCHOOL_TYPES, description: 'Type / 学校类型: primary 小学, junior-secondary 初中, nine-year 九年一贯制, senior-secondary 高中, complete-secondary 完全中学, special-education 特殊教育' })
  @ZhLabel('学校类型')
  @IsIn(SCHOOL_TYPES)
  type: SchoolType;

  @ApiProperty({ description: 'Address / 地址', minLength: 1, maxLength: 200, example: '人民路 1 号' })
  @ZhLabel('地址')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(200)
  address: string;

  @ApiProperty({ description: 'Boards students / 是否寄宿' })
  @ZhLabel('是否寄宿')
  @IsBoolean()
  boarding: boolean;

  @ApiProperty({ description: 'Has a canteen / 是否有食堂' })
  @ZhLabel('是否有食堂')
  @IsBoolean()
  canteen: boolean;

  @ApiProperty({ description: 'Has school buses / 是否有校车' })
  @ZhLabel('是否有校车')
  @IsBoolean()
  schoolBuses: boolean;

  @ApiProperty({ description: 'Building floor area, m² / 建筑面积（平方米）', minimum: 0, maximum: 10_000_000, example: 12500 })
  @ZhLabel('建筑面积')
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(10_000_000)
  floorAreaM2: number;
}

export class SchoolProfileDto extends SchoolProfileFields {}

export class RegisterSchoolDto extends SchoolProfileFields {
  @ApiProperty({ description: 'School code, its stable id / 学校代码（唯一标识）', pattern: SCHOOL_CODE_PATTERN.source, maxLength: 64, example: 'S001' })
  @ZhLabel('学校代码')
  @IsString()
  @Matches(SCHOOL_CODE_PATTERN)
  code: string;
}

export class YearFiguresDto {
  @ApiProperty({ type: 'integer', description: 'Students / 学生数', minimum: 0, maximum: 100_000, example: 1200 })
  @ZhLabel('学生数')
  @IsInt()
  @Min(0)
  @Max(100_000)
  students: number;

  @ApiProperty({ type: 'integer', description: 'Staff / 教职工数', minimum: 0, maximum: 10_000, example: 96 })
  @ZhLabel('教职工数')
  @IsInt()
  @Min(0)
  @Max(10_000)
  staff: number;
}

const Posts = () => (target: object, property: string) => {
  ApiPropertyOptional({ enum: ACCOUNT_POSTS, isArray: true, description: 'Posts / 岗位: logistics-director 后勤主任, canteen-manager 食堂管理员, guard 门卫, maintenance 维修工, school-doctor 校医, …' })(target, property);
  ZhLabel('岗位')(target, property);
  OptionalField()(target, property);
  IsArray()(target, property);
  ArrayMaxSize(ACCOUNT_POSTS.length)(target, property);
  IsIn(ACCOUNT_POSTS, { each: true })(target, property);
};

export class CreateAccountDto {
  @ApiProperty({ description: 'Username (stored in lower case, never changes) / 用户名', pattern: USERNAME_INPUT.source, example: 'li.lei' })
  @ZhLabel('用户名')
  @IsString()
  @Matches(USERNAME_INPUT)
  username: string;

  @ApiProperty({ description: 'Display name / 姓名', minLength: 1, maxLength: 50, example: '李雷' })
  @ZhLabel('姓名')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(50)
  displayName: string;

  @ApiProperty({ description: 'Mobile phone / 手机号', pattern: PHONE_PATTERN.source, example: '13812341234' })
  @ZhLabel('手机号')
  @IsString()
  @Matches(PHONE_PATTERN)
  phone: string;

  @ApiProperty({ enum: ACCOUNT_ROLES, description: 'Role / 角色 (a school admin creates school-staff only)' })
  @ZhLabel('角色')
  @IsIn(ACCOUNT_ROLES)
  role: AccountRole;

  @ApiPropertyOptional({ description: 'School code, for school roles (a school admin: always their own) / 所属学校', pattern: SCHOOL_CODE_PATTERN.source, maxLength: 64, example: 'S001' })
  @ZhLabel('所属学校')
  @OptionalField()
  @IsString()
  @Matches(SCHOOL_CODE_PATTERN)
  schoolId?: string;

  @Posts()
  posts?: AccountPost[];

  @ApiPropertyOptional({ description: 'Initial password (to be changed at first login); generated and answered once when left out / 初始密码', maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @ZhLabel('初始密码')
  @OptionalField()
  @IsString()
  @MaxTextLength(PASSWORD_MAX_LENGTH)
  initialPassword?: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ACCOUNT_ROLES, description: 'Role / 角色' })
  @ZhLabel('角色')
  @IsIn(ACCOUNT_ROLES)
  role: AccountRole;

  @Posts()
  posts?: AccountPost[];
}

export class ResetPasswordDto {
  @ApiPropertyOptional({ description: 'New initial password; generated and answered once when left out / 新的初始密码', maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @ZhLabel('初始密码')
  @OptionalField()
  @IsString()
  @MaxTextLength(PASSWORD_MAX_LENGTH)
  initialPassword?: string;
}

/** 2 MiB of .xlsx in base64 (4 characters per 3 bytes). */
export const IMPORT_MAX_BASE64 = 4 * Math.floor((2 * 1024 * 1024) / 3);

export class ImportAccountsDto {
  @ApiProperty({ description: 'File name, for the report / 文件名', minLength: 1, maxLength: 200, example: '教职工名单.xlsx' })
  @ZhLabel('文件名')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(200)
  fileName: string;

  @ApiProperty({
    description:
      'The .xlsx, base64. First sheet, first row headers: 用户名 (username), 姓名 (name), 手机号 (phone), 角色 (role, default school-staff), 学校代码 (schoolId), 岗位 (posts, separated by 、), 初始密码 (optional) / 表格文件（base64）',
    minLength: 1,
    maxLength: IMPORT_MAX_BASE64,
    pattern: '^[A-Za-z0-9+/]+={0,2}$',
  })
  @ZhLabel('文件内容')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(IMPORT_MAX_BASE64)
  @Matches(/^[A-Za-z0-9+/]+={0,2}$/)
  contentBase64: string;
}

export class ListAccountsQuery {
  @ApiPropertyOptional({ description: 'School (system admin, auditor) / 学校', pattern: SCHOOL_CODE_PATTERN.source, maxLength: 64 })
  @ZhLabel('学校')
  @OptionalField()
  @IsString()
  @Matches(SCHOOL_CODE_PATTERN)
  schoolId?: string;

  @ApiPropertyOptional({ enum: ACCOUNT_ROLES })
  @ZhLabel('角色')
  @OptionalField()
  @IsIn(ACCOUNT_ROLES)
  role?: AccountRole;

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @ZhLabel('状态')
  @OptionalField()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @ApiPropertyOptional({ description: 'Username prefix or part of the name / 用户名前缀或姓名', maxLength: 50 })
  @ZhLabel('关键词')
  @OptionalField()
  @IsString()
  @MaxTextLength(50)
  q?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page / 翻页游标', maxLength: 64 })
  @ZhLabel('翻页游标')
  @OptionalField()
  @IsString()
  @MaxTextLength(64)
  cursor?: string;

  @PageLimit(200)
  limit?: number;

  @ApiPropertyOptional({ description: "A command's `position`: wait until the list has it (read-your-writes) / 读己之写", pattern: POSITION.source, maxLength: 40 })
  @ZhLabel('一致性位置')
  @OptionalField()
  @IsString()
  @Matches(POSITION)
  consistentWith?: string;
}

export class ListSchoolsQuery {
  @ApiPropertyOptional({ description: "A command's `position` (read-your-writes) / 读己之写", pattern: POSITION.source, maxLength: 40 })
  @ZhLabel('一致性位置')
  @OptionalField()
  @IsString()
  @Matches(POSITION)
  consistentWith?: string;
}

export class RotateKeysDto {
  @ApiPropertyOptional({
    description:
      'Sign with the new key at once (a compromised key) instead of after IDENTITY_KEY_ACTIVATION_DELAY_MS: services that fetched the JWKS less than their JWKS_COOLDOWN_MS ago refuse the new tokens (401) until it passes / 立即启用新密钥（密钥泄露时）：各服务在其冷却时间内可能拒绝新令牌',
    default: false,
  })
  @ZhLabel('立即启用')
  @OptionalField()
  @IsBoolean()
  immediate?: boolean;
}

export class RotationAnswerDto {
  @ApiProperty({ description: 'The new key (or the one already waiting to sign) / 新密钥', example: '2026-11-30-1a2b3c4d' })
  kid: string;

  @ApiProperty({ description: 'When it starts signing: until then it is only published in the JWKS / 开始签名的时间', format: 'date-time' })
  activatesAt: string;

  @ApiProperty({ description: 'false: a key was already waiting for its activation (named here), nothing new was created / 是否新建了密钥' })
  rotated: boolean;

  @ApiProperty({ description: 'It signed at once (`immediate`) / 是否立即启用' })
  immediate: boolean;

  @ApiProperty({ description: 'The kids in the JWKS now / 当前公布的密钥', type: [String] })
  keys: string[];
}
