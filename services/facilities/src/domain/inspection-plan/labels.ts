import { InspectionKind } from '@houqin/contracts';
import { InspectionPlanStatus } from './state';

export const KIND_ZH: Record<InspectionKind, string> = {
  'fire-extinguisher': '灭火器',
  'fire-hydrant': '消火栓',
  'fire-alarm': '火灾报警系统',
  electrical: '电气设施',
  elevator: '电梯',
  playground: '操场与游乐设施',
  'sports-equipment': '体育器材',
  laboratory: '实验室',
  library: '图书馆',
};

export const PLAN_STATUS_ZH: Record<InspectionPlanStatus, string> = { none: '不存在', active: '执行中', retired: '已停用' };
