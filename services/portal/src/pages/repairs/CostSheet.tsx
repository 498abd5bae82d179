import { Descriptions, Table, Typography } from 'antd';
import { WorkOrder } from '../../api/types';
import { useFormat, useI18n } from '../../i18n/I18n';
import { fenToYuan } from './money';

/** 维修费用 on the detail: each part (quantity × unit price), parts, labour and the total, in yuan exactly from fen. */
export function CostSheet({ costs }: { costs: NonNullable<WorkOrder['costs']> }) {
  const { t } = useI18n();
  const f = useFormat();
  return (
    <div data-testid="cost-sheet">
      {costs.parts.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey="line"
          dataSource={costs.parts.map((part, line) => ({ ...part, line }))}
          scroll={{ x: true }}
          columns={[
            { title: t('costs.part'), dataIndex: 'name' },
            { title: t('costs.quantity'), dataIndex: 'quantity', align: 'right' },
            { title: t('costs.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: (fen: number) => fenToYuan(fen) },
            { title: t('costs.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => fenToYuan(fen) },
          ]}
          style={{ marginBottom: 8 }}
        />
      )}
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label={t('costs.partsTotal')}>{fenToYuan(costs.partsFen)}</Descriptions.Item>
        <Descriptions.Item label={t('costs.labour')}>{fenToYuan(costs.labourFen)}</Descriptions.Item>
        <Descriptions.Item label={t('costs.total')}>
          <Typography.Text strong data-testid="cost-total">
            {fenToYuan(costs.totalFen)}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('costs.recorded', { who: costs.recordedBy, time: f.dateTime(costs.recordedAt) })}
      </Typography.Text>
    </div>
  );
}
