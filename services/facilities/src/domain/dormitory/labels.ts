import { DormitoryGender, RoomCheckItem } from '@houqin/contracts';

export const GENDER_ZH: Record<DormitoryGender, string> = { male: '男', female: '女', mixed: '混合' };

export const ITEM_ZH: Record<RoomCheckItem, string> = {
  lights: '灯具照明',
  'doors-locks': '门锁',
  windows: '门窗',
  beds: '床铺',
  'fire-safety': '消防安全',
  hygiene: '卫生',
};
