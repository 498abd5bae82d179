import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Upload } from 'antd';
import type { FormInstance, UploadFile } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { newKey, post } from '../../api/client';
import { describeError, fieldErrorsFor } from '../../api/errors';
import { Failure, formFailure } from '../../api/formErrors';
import { useI18n } from '../../i18n/I18n';
import type { Lang } from '../../i18n/messages';
import { MAX_REMOVAL_REASON } from './photoRemoval';
import { useCommand } from './useCommand';

/** As facilities bounds them (services/facilities/src/domain/attachment/limits.ts); the service checks again. */
const MAX_BYTES = 5 * 1024 * 1024;
const MAX_PER_REPAIR = 9;
/** The report form's chosen photos, beside the form (not in it: the report's body must not carry them). */
const pending = new WeakMap<FormInstance, File[]>();

/** JPEG, PNG or WebP by the first bytes, as the service judges them (a renamed PDF is refused here already). */
async function isImage(file: File): Promise<boolean> {
  const b = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const at = (offset: number, ...expected: number[]) => expected.every((x, i) => b[offset + i] === x);
  return at(0, 0xff, 0xd8, 0xff) || at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) || (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50));
}

const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/** Uploads one photo of a work order (its own Idempotency-Key); a refusal says why in the reader's language. */
export async function uploadPhoto(workOrderId: string, file: File): Promise<void> {
  await post('facilities', '/attachments', { subjectType: 'WorkOrder', subjectId: workOrderId, fileName: file.name || 'photo', contentBase64: await base64Of(file) }, { idempotencyKey: newKey() });
}

/** The report form's chosen photos, uploaded once the report was accepted: `await uploadPendingPhotos(form, workOrderId)`. */
export async function uploadPendingPhotos(form: FormInstance, workOrderId: string): Promise<void> {
  const files = pending.get(form) ?? [];
  for (const file of files) await uploadPhoto(workOrderId, file);
  pending.delete(form);
}

const refusal = (error: unknown, lang: Lang) => fieldErrorsFor(error, ['contentBase64', 'fileName'], lang).fields.flatMap((f) => f.errors)[0] ?? describeError(error, lang).detail ?? describeError(error, lang).title;

function usePhotoCheck() {
  const { t } = useI18n();
  return async (file: File): Promise<string | undefined> => {
    if (file.size > MAX_BYTES) return t('photo.tooLarge', { mb: MAX_BYTES / 1024 / 1024 });
    if (!(await isImage(file))) return t('photo.wrongType');
    return undefined;
  };
}

/**
 * Photo attachment (照片). With `form` (the report form): photos are chosen and checked here, kept in the form, and
 * uploaded after the report by `uploadPendingPhotos`. With `workOrderId` (the detail page): each photo is uploaded at once.
 */
export function PhotoUpload({ form, workOrderId, count = 0 }: { form?: FormInstance; workOrderId?: string; count?: number }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const check = usePhotoCheck();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const room = MAX_PER_REPAIR - count - (form ? files.length : 0);

  const choose = async (file: File) => {
    setError(undefined);
    const problem = await check(file);
    if (problem) return setError(problem);
    if (form) {
      const next = [...files, { uid: `${Date.now()}-${files.length}`, name: file.name, status: 'done' as const, originFileObj: file as UploadFile['originFileObj'] }];
      setFiles(next);
      pending.set(form, next.map((f) => f.originFileObj as File));
      return;
    }
    if (!workOrderId) return;
    setBusy(true);
    try {
      await uploadPhoto(workOrderId, file);
      message.success(t('photo.uploaded'));
      await client.invalidateQueries({ queryKey: ['work-order-history', workOrderId] });
    } catch (err) {
      setError(refusal(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: form ? 16 : 0 }}>
      <div data-testid="photo-upload">
        <Upload
          accept="image/jpeg,image/png,image/webp"
          fileList={form ? files : []}
          listType={form ? 'picture' : 'text'}
          beforeUpload={(file) => {
            void choose(file);
            return false;
          }}
          onRemove={(removed) => {
            const next = files.filter((f) => f.uid !== removed.uid);
            setFiles(next);
            if (form) pending.set(form, next.map((f) => f.originFileObj as File));
          }}
          disabled={busy || room <= 0}
        >
          <Button loading={busy} disabled={room <= 0} data-testid="photo-choose">
            {t('photo.choose')}
          </Button>
        </Upload>
      </div>
      <span style={{ color: '#888', fontSize: 12 }}>{t('photo.hint', { mb: MAX_BYTES / 1024 / 1024, n: MAX_PER_REPAIR })}</span>
      {error && <Alert type="error" showIcon title={error} data-testid="photo-error" />}
    </Space>
  );
}

/**
 * 删除 under a thumbnail: a Modal asks the reason (删除原因), then POST /attachments/:id/remove; the timeline refreshes
 * (the photo leaves the list, 删除照片 with the reason joins the history). Offer it only where mayRemovePhoto says so.
 */
export function RemovePhotoButton({ attachmentId, fileName }: { attachmentId: string; fileName: string }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const [failure, setFailure] = useState<Failure>();
  const command = useCommand<{ reason: string }>(() => `/attachments/${encodeURIComponent(attachmentId)}/remove`);

  const close = () => {
    setOpen(false);
    setFailure(undefined);
    form.resetFields();
  };
  const submit = async () => {
    const { reason } = await form.validateFields();
    setFailure(undefined);
    try {
      await command.mutateAsync({ reason: reason.trim() });
      message.success(t('photo.removed'));
      close();
    } catch (err) {
      setFailure(formFailure(err, form, ['reason'], lang));
    }
  };

  return (
    <>
      <Button size="small" type="link" danger onClick={() => setOpen(true)} data-testid={`photo-remove-${attachmentId}`}>
        {t('photo.remove')}
      </Button>
      {open && (
        <Modal
          open
          title={t('photo.removeTitle', { name: fileName })}
          onOk={() => void submit()}
          onCancel={close}
          okText={t('photo.remove')}
          okButtonProps={{ danger: true, ...({ 'data-testid': 'photo-remove-ok' } as Record<string, string>) }}
          cancelText={t('action.cancel')}
          confirmLoading={command.isPending}
        >
          {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} data-testid="photo-remove-error" />}
          <Form form={form} layout="vertical">
            <Form.Item name="reason" label={t('photo.removeReason')} rules={[{ required: true, whitespace: true, message: t('photo.removeReasonRequired') }, { max: MAX_REMOVAL_REASON }]}>
              <Input.TextArea rows={3} maxLength={MAX_REMOVAL_REASON} showCount placeholder={t('photo.removeReasonHint')} data-testid="photo-remove-reason" />
            </Form.Item>
          </Form>
          <span style={{ color: '#888', fontSize: 12 }}>{t('photo.removeNote')}</span>
        </Modal>
      )}
    </>
  );
}
