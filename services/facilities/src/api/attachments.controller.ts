import { Body, Controller, Get, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, Matches } from 'class-validator';
import { ATTACHMENT_SUBJECT_TYPES, AttachmentSubjectType } from '@houqin/contracts';
import { canReadSchool, CurrentPrincipal, Principal, Roles } from '@houqin/auth';
import { Command, CommandContext } from '@houqin/event-store';
import { CommandRoute, ErrorBodyDto, MaxTextLength, UuidParam, ZhLabel } from '@houqin/platform';
import { Attachments } from '../application/attachments';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_SUBJECT, MAX_REMOVAL_REASON } from '../domain/attachment';

/** Base64 of the largest accepted file. */
const MAX_BASE64 = 4 * Math.ceil(MAX_ATTACHMENT_BYTES / 3);
/**
 * Base64 that starts with the magic bytes sniffImageType accepts, so the document says what is refused: JPEG FF D8 FF,
 * PNG 89 50 4E 47 0D 0A 1A 0A (the 11th character also holds the next byte), WebP RIFF....WEBP (bytes 4-7 a size).
 */
const IMAGE_BASE64 = /^(?:\/9j\/|iVBORw0KGg[o-r]|UklGR[A-Za-z0-9+/]{6}XRUJQ)[A-Za-z0-9+/]*={0,2}$/;
/** A 1×1 PNG, the document's example. */
const EXAMPLE_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
/** The facilities body limit: the largest photo as base64 inside its JSON, with room for the other fields. */
export const ATTACHMENT_BODY_LIMIT = `${Math.ceil(MAX_BASE64 / 1024 / 1024) + 1}mb`;

/**
 * JSON with base64, not multipart: the upload is a command like any other — the kit's Idempotency-Key and request
 * fingerprint, class-validator's 400 per field (zh + en), Swagger — with no new dependency and no second body parser
 * beside the platform's. The price is a third more bytes on the wire for a photo of at most 5 MiB, and a larger JSON
 * body limit for facilities (ATTACHMENT_BODY_LIMIT; the gateway already allows 10 MiB).
 */
export class UploadAttachmentDto {
  @ApiProperty({ enum: ATTACHMENT_SUBJECT_TYPES, description: 'The kind of record the file belongs to / 所属记录类型', example: 'WorkOrder' })
  @ZhLabel('所属记录类型')
  @IsIn(ATTACHMENT_SUBJECT_TYPES)
  subjectType: AttachmentSubjectType;

  @ApiProperty({ description: 'The record (e.g. the work order id, a UUID v4) / 所属记录编号', format: 'uuid' })
  @ZhLabel('所属记录编号')
  @IsUUID('4')
  subjectId: string;

  @ApiProperty({ description: 'File name as the user chose it (shown, never trusted for the type) / 文件名', minLength: 1, maxLength: 200, example: '灯管.jpg' })
  @ZhLabel('文件名')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(200)
  fileName: string;

  @ApiProperty({
    description: `The file, base64. JPEG, PNG or WebP by its content (magic bytes), at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB; at most ${MAX_ATTACHMENTS_PER_SUBJECT} per record / 照片内容（base64）`,
    minLength: 1,
    maxLength: MAX_BASE64,
    pattern: IMAGE_BASE64.source,
    example: EXAMPLE_PNG,
  })
  @ZhLabel('照片')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(MAX_BASE64)
  @Matches(IMAGE_BASE64, { message: 'contentBase64 must be the base64 of a JPEG, PNG or WebP photo' })
  contentBase64: string;
}

export class RemoveAttachmentDto {
  @ApiProperty({ description: 'Why the photo is removed (kept in the history) / 删除原因', minLength: 1, maxLength: MAX_REMOVAL_REASON, pattern: '\\S', example: '拍错了工单' })
  @ZhLabel('删除原因')
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxTextLength(MAX_REMOVAL_REASON)
  reason: string;
}

export class AttachmentAcceptedDto {
  @ApiProperty() attachmentId: string;
  @ApiProperty() version: number;
  @ApiProperty({ required: false }) position?: string;
}

@ApiTags('attachments 附件')
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: Attachments) {}

  @Post()
  @CommandRoute({ roles: ['school-staff', 'school-admin'], summary: 'Attach a photo to a record of my school / 上传照片', creates: true, type: AttachmentAcceptedDto })
  async upload(@Body() dto: UploadAttachmentDto, @Command() ctx: CommandContext): Promise<AttachmentAcceptedDto> {
    const { subjectType, subjectId, fileName, contentBase64 } = dto;
    const result = await this.attachments.upload({ subjectType, subjectId, fileName, bytes: Buffer.from(contentBase64, 'base64') }, ctx);
    return { attachmentId: result.id, version: result.version, ...(result.position ? { position: result.position } : {}) };
  }

  @Post(':id/remove')
  @CommandRoute({
    roles: ['school-staff', 'school-admin'],
    summary: 'Remove a wrong photo, with a reason: its uploader or a school admin, until the repair is verified (409 then); the bytes are deleted, the event keeps the sha256 / 删除照片',
    type: AttachmentAcceptedDto,
  })
  @ApiResponse({ status: 410, type: ErrorBodyDto, description: 'Already removed / 照片已删除' })
  async remove(@UuidParam('id') id: string, @Body() dto: RemoveAttachmentDto, @Command() ctx: CommandContext): Promise<AttachmentAcceptedDto> {
    const result = await this.attachments.remove(id, dto.reason, ctx);
    return { attachmentId: result.id, version: result.version, ...(result.position ? { position: result.position } : {}) };
  }

  @Get(':id')
  @Roles('school-staff', 'school-admin', 'bureau-official', 'auditor', 'system-admin')
  @ApiOperation({ summary: "The file's bytes, with its recorded type; another school's answers 404, a removed one 410; auditors read every school's / 下载附件" })
  @ApiOkResponse({ description: 'The bytes; header X-Content-SHA256 is the hash recorded in its event' })
  @ApiResponse({ status: 410, type: ErrorBodyDto, description: 'The photo was removed (its removal is in the history) / 照片已删除' })
  async download(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: { header(name: string, value: string): unknown }) {
    const attachment = await this.attachments.get(id, (schoolId) => canReadSchool(principal, schoolId));
    const bytes = await this.attachments.bytes(attachment);
    res.header('X-Content-SHA256', attachment.sha256);
    res.header('X-Content-Type-Options', 'nosniff');
    // Private: it is a school's record. Not cached for long: a removed photo must stop showing (410).
    res.header('Cache-Control', 'private, no-cache');
    return new StreamableFile(bytes, { type: attachment.contentType, length: bytes.length, disposition: `inline; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}` });
  }
}
