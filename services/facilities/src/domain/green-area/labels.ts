import { GreenAreaKind, GreenCareKind } from '@houqin/contracts';

export const AREA_KIND_ZH: Record<GreenAreaKind, string> = {
  lawn: '草坪',
  'flower-bed': '花坛',
  woodland: '林地',
  hedge: '绿篱',
  'roof-garden': '屋顶绿化',
  'planting-garden': '种植园',
};

export const CARE_KIND_ZH: Record<GreenCareKind, string> = {
  pruning: '修剪',
  watering: '浇水',
  'pest-control': '病虫害防治',
  fertilising: '施肥',
  weeding: '除草',
};
