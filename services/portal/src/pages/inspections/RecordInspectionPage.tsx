import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Input, Radio, Space, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorView } from '../../api/ErrorView';
import { describeError } from '../../api/errors';
import { useFormat, useI18n } from '../../i18n/I18n';
import { fetchPlan, ItemResult } from './api';
import { useInspectionCommand } from './useInspectionCommand';

type Answers = Record<string, { result?: ItemResult; note?: string }>;
const beijingInstant = (value?: Dayjs | null) => (value ? `${value.format('YYYY-MM-DDTHH:mm:ss')}+08:00` : undefined);

/** 登记检查 on a phone: one card per checklist item, pass / fail with a note for a failure; every item must be answered. */
export default function RecordInspectionPage() {
  const { planId = '' } = useParams();
  const { t, lang } = useI18n();
  const f = useFormat();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [answers, setAnswers] = useState<Answers>({});
  const [note, setNote] = useState<string>();
  const [occurredAt, setOccurredAt] = useState<Dayjs | null>(null);
  const [problem, setProblem] = useState<string>();
  const plan = useQuery({ queryKey: ['inspections', 'plan', planId], queryFn: ({ signal }) => fetchPlan(planId, signal) });
  const command = useInspectionCommand<object>(() => `/inspection-plans/${planId}/inspections`);
  if (plan.error) return <ErrorView error={plan.error} retry={() => void plan.refetch()} />;
  if (!plan.data) return <Spin style={{ margin: 48 }} />;
  const items = plan.data.checklist;
  const set = (itemId: string, change: Answers[string]) => {
    setProblem(undefined);
    setAnswers((a) => ({ ...a, [itemId]: { ...a[itemId], ...change } }));
  };

  const submit = async () => {
    const missing = items.filter((i) => !answers[i.itemId]?.result).length;
    if (missing) return setProblem(t('inspections.answerAll', { n: missing }));
    if (items.some((i) => answers[i.itemId]?.result === 'fail' && !answers[i.itemId]?.note?.trim())) return setProblem(t('inspections.noteRequired'));
    setProblem(undefined);
    const results = items.map((i) => {
      const { result, note: itemNote } = answers[i.itemId] ?? {};
      return { itemId: i.itemId, result, ...(itemNote?.trim() ? { note: itemNote.trim() } : {}) };
    });
    try {
      await command.mutateAsync({ results, note, occurredAt: beijingInstant(occurredAt) });
      const failed = results.filter((r) => r.result === 'fail').length;
      message.success(failed ? t('inspections.recordedWithFailures', { n: failed }) : t('inspections.recorded'));
      navigate('/inspections');
    } catch (err) {
      const d = describeError(err, lang);
      setProblem([d.title, d.detail].filter(Boolean).join('：'));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 640 }} data-testid="inspection-record-page">
      <Card size="small" title={plan.data.name}>
        <Typography.Text type="secondary">
          {t(`inspections.kind.${plan.data.kind}`)} · {t('inspections.col.nextDue')} {f.dateTime(plan.data.nextDueAt)}
        </Typography.Text>
      </Card>
      {items.map((item, n) => {
        const answer = answers[item.itemId] ?? {};
        return (
          <Card key={item.itemId} size="small" data-testid={`inspection-item-${item.itemId}`}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text strong>{`${n + 1}. ${lang === 'en' && item.text ? item.text : item.textZh}`}</Typography.Text>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                size="large"
                value={answer.result}
                onChange={(e) => set(item.itemId, { result: e.target.value as ItemResult })}
                options={[
                  { value: 'pass', label: t('inspections.pass') },
                  { value: 'fail', label: t('inspections.fail') },
                ]}
              />
              {answer.result === 'fail' && (
                <Input.TextArea rows={2} maxLength={500} placeholder={t('inspections.itemNote')} value={answer.note} onChange={(e) => set(item.itemId, { note: e.target.value })} data-testid={`inspection-note-${item.itemId}`} />
              )}
            </Space>
          </Card>
        );
      })}
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('inspections.field.note')} value={note} onChange={(e) => setNote(e.target.value || undefined)} />
          <DatePicker showTime style={{ width: '100%' }} placeholder={t('inspections.field.occurredAt')} value={occurredAt} onChange={setOccurredAt} />
        </Space>
      </Card>
      {problem && <Alert type="error" showIcon title={problem} data-testid="inspection-record-error" />}
      <Button type="primary" size="large" block loading={command.isPending} onClick={() => void submit()} data-testid="inspection-submit">
        {t('inspections.submit')}
      </Button>
    </Space>
  );
}
