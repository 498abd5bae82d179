/** Photos on a repair and its timeline from events (the repair pages' own texts stay in zh-CN.ts). */
export const attachmentsZh = {
  'photo.title': '照片',
  'photo.none': '暂无照片',
  'photo.choose': '添加照片',
  'photo.hint': '支持 JPEG、PNG、WebP，单张不超过 {mb} MB，每个工单最多 {n} 张',
  'photo.tooLarge': '照片不能超过 {mb} MB',
  'photo.wrongType': '只能上传 JPEG、PNG 或 WebP 格式的照片',
  'photo.uploaded': '照片已上传',
  'photo.uploadFailed': '报修已提交，但照片上传失败：{reason}',
  'timeline.recordedAt': '补录于 {time}',
} as const;
