import { Card, Col, Row, Statistic } from 'antd';

export interface KpiItem {
  key: string;
  title: string;
  value: number | string;
  suffix?: string;
  danger?: boolean;
}

export function KpiCards({ items }: { items: KpiItem[] }) {
  return (
    <Row gutter={[12, 12]}>
      {items.map((k) => (
        <Col key={k.key} xs={12} sm={12} md={8} lg={24 / Math.min(items.length, 6) >= 4 ? 4 : 6} xl={4}>
          <Card size="small" data-testid={`kpi-${k.key}`}>
            <Statistic title={k.title} value={k.value} suffix={k.suffix} styles={{ content: k.danger ? { color: '#cf1322' } : undefined }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
